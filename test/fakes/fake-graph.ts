/**
 * The follower graph a fake server serves, built from any edge list (a dataset or a hand-made
 * one) with deterministic, seeded profiles: names `user<key>`, topic words in display names and
 * descriptions (so search has something to find), a few posts each, and every `hiddenEvery`-th
 * account hiding its collections.
 *
 *   const graph = buildFakeGraph({ edges: [['a', 'b'], ['b', 'c']], mutual: false });
 *   graph.followers[graph.byName.get('userb')!]  // indices of accounts following userb
 */

export type FakePost = {
  index: number;
  text: string;
  createdAt: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
};

export type FakeAccount = {
  index: number;
  key: string;
  name: string;
  displayName: string;
  description: string;
  createdAt: string;
  hidden: boolean;
  posts: FakePost[];
};

export type FakeGraph = {
  accounts: FakeAccount[];
  byName: Map<string, number>;
  /** followers[i]: indices of accounts that follow i, ascending. */
  followers: number[][];
  /** follows[i]: indices of accounts i follows, ascending. */
  follows: number[][];
};

export type FakeGraphInput = {
  /** [follower, followed] pairs, or undirected pairs when `mutual`. */
  edges: Iterable<readonly [string, string]>;
  /** Each pair is a mutual follow: two follow edges. */
  mutual?: boolean;
  /** Accounts that exist without edges. */
  extraKeys?: string[];
  /** Every n-th account (by index, from n-1) hides its collections; 0 for none. */
  hiddenEvery?: number;
  seed?: number;
};

export const TOPICS = [
  'gaming',
  'speedrun',
  'chess',
  'music',
  'cooking',
  'science',
  'retro',
  'esports',
  'art',
];

/** Mulberry32: small, seedable, good enough for fixtures. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

const makeAccount = (index: number, key: string, hidden: boolean, random: () => number): FakeAccount => {
  const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
  const other = TOPICS[Math.floor(random() * TOPICS.length)]!;
  const name = `user${key}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  const postCount = 2 + Math.floor(random() * 6);
  const posts = Array.from({ length: postCount }, (_, j) => ({
    index: j,
    text: `Post ${j} by ${name} about ${topic} & ${other}`,
    createdAt: new Date(EPOCH + 300 * DAY - j * DAY - index * 60_000).toISOString(),
    likes: Math.floor(random() * 500),
    reposts: Math.floor(random() * 50),
    replies: Math.floor(random() * 30),
    quotes: Math.floor(random() * 10),
  }));
  return {
    index,
    key,
    name,
    displayName: `${topic[0]!.toUpperCase()}${topic.slice(1)} ${name}`,
    description: `Streams ${topic} and ${other}. Account ${key}.`,
    createdAt: new Date(EPOCH - Math.floor(random() * 2000) * DAY).toISOString(),
    hidden,
    posts,
  };
};

export const buildFakeGraph = ({
  edges,
  mutual = false,
  extraKeys = [],
  hiddenEvery = 0,
  seed = 1,
}: FakeGraphInput): FakeGraph => {
  const random = seededRandom(seed);
  const accounts: FakeAccount[] = [];
  const byKey = new Map<string, number>();
  const indexOf = (key: string) => {
    let index = byKey.get(key);
    if (index === undefined) {
      index = accounts.length;
      byKey.set(key, index);
      const hidden = hiddenEvery > 0 && index % hiddenEvery === hiddenEvery - 1;
      accounts.push(makeAccount(index, key, hidden, random));
    }
    return index;
  };
  const pairs: Array<[number, number]> = [];
  for (const [from, to] of edges) {
    const a = indexOf(from);
    const b = indexOf(to);
    if (a === b) continue;
    pairs.push([a, b]);
    if (mutual) pairs.push([b, a]);
  }
  for (const key of extraKeys) indexOf(key);

  const followers: number[][] = accounts.map(() => []);
  const follows: number[][] = accounts.map(() => []);
  for (const [a, b] of pairs) {
    follows[a]!.push(b);
    followers[b]!.push(a);
  }
  const unique = (list: number[]) => {
    list.sort((x, y) => x - y);
    return list.filter((v, i) => i === 0 || v !== list[i - 1]);
  };
  return {
    accounts,
    byName: new Map(accounts.map((a) => [a.name, a.index])),
    followers: followers.map(unique),
    follows: follows.map(unique),
  };
};

/** Case-insensitive substring search over names, display names and descriptions. */
export const searchFakeAccounts = (graph: FakeGraph, query: string): FakeAccount[] => {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return graph.accounts.filter(
    (a) =>
      a.name.includes(q) ||
      a.displayName.toLowerCase().includes(q) ||
      a.description.toLowerCase().includes(q),
  );
};
