/**
 * Murmur graph/generate/planted-communities
 * =========================================
 *
 * Seeded demo niche: a directed follower graph with planted communities
 * (a directed planted-partition model, Condon & Karp 2001) whose internal
 * popularity is Zipf-distributed, so each community has a few niche
 * leaders; a couple of global celebrities that most accounts follow; and a
 * share of bot-like accounts (no posts, no avatar, mass following) that all
 * follow one "bought" account. It returns the ground truth with the graph
 * so demos and tests can check what the engine finds.
 */
import type { ProfileAttributes } from '../influence/audience-quality.ts';
import type { Rng } from '../random.ts';

export type PlantedOptions = {
  rng: Rng;
  communities?: number;
  communitySize?: number;
  /** Mean follows per account inside the niche. */
  meanFollows?: number;
  /** Share of follows that cross to another community. */
  mixing?: number;
  leadersPerCommunity?: number;
  /** Popularity multiplier of leaders over the Zipf tail. */
  leaderBoost?: number;
  celebrities?: number;
  /** Probability that an account follows each celebrity. */
  celebrityReach?: number;
  /** Share of accounts that are bots. */
  botShare?: number;
};

export type PlantedGraph = {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  /** Planted community of each account; celebrities are -1. */
  community: Int32Array;
  leaders: number[][];
  celebrities: number[];
  bots: number[];
  /** The account whose audience was bought (gets every bot as follower). */
  boughtAccount: number;
  platformFollowers: Float64Array;
  profile: ProfileAttributes;
};

export const PLANTED_DEFAULTS = {
  communities: 6,
  communitySize: 300,
  meanFollows: 12,
  mixing: 0.08,
  leadersPerCommunity: 3,
  leaderBoost: 4,
  celebrities: 2,
  celebrityReach: 0.6,
  botShare: 0.05,
};

/**
 * @example
 * const demo = plantedCommunities({ rng: seededRng(2024) });
 * scoreNiche(demo, { rng: seededRng(1) });
 */
export function plantedCommunities(options: PlantedOptions): PlantedGraph {
  const o = { ...PLANTED_DEFAULTS, ...options };
  const { rng } = o;
  const members = o.communities * o.communitySize;
  const nodeCount = members + o.celebrities;
  const community = new Int32Array(nodeCount).fill(-1);
  for (let v = 0; v < members; v++) community[v] = Math.floor(v / o.communitySize);
  // Zipf popularity by position in the community (position 0 is its top
  // leader), with the leaders boosted so they stand clear of the long tail.
  const cumulative = new Float64Array(o.communitySize);
  let total = 0;
  for (let r = 0; r < o.communitySize; r++) {
    total += (r < o.leadersPerCommunity ? o.leaderBoost : 1) / (r + 1);
    cumulative[r] = total;
  }
  const pickInCommunity = (c: number): number => {
    const x = rng() * total;
    let lo = 0;
    let hi = o.communitySize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return c * o.communitySize + lo;
  };
  const bots: number[] = [];
  const isBot = new Uint8Array(nodeCount);
  for (let v = 0; v < members; v++) {
    if (v % o.communitySize >= o.leadersPerCommunity && rng() < o.botShare) {
      isBot[v] = 1;
      bots.push(v);
    }
  }
  const boughtAccount = o.leadersPerCommunity < o.communitySize ? o.leadersPerCommunity : 0;
  const sources: number[] = [];
  const targets: number[] = [];
  for (let v = 0; v < members; v++) {
    const own = community[v];
    const follows = isBot[v]
      ? 2 * o.meanFollows
      : Math.max(1, Math.round(o.meanFollows * -Math.log(1 - rng())));
    const followed = new Set<number>();
    for (let attempt = 0; followed.size < follows && attempt < 4 * follows; attempt++) {
      const c = rng() < o.mixing ? Math.floor(rng() * o.communities) : own;
      const target = isBot[v] ? Math.floor(rng() * members) : pickInCommunity(c);
      if (target === v || followed.has(target)) continue;
      followed.add(target);
      sources.push(v);
      targets.push(target);
    }
    if (isBot[v] && !followed.has(boughtAccount)) {
      sources.push(v);
      targets.push(boughtAccount);
    }
    for (let k = 0; k < o.celebrities; k++) {
      if (rng() < o.celebrityReach) {
        sources.push(v);
        targets.push(members + k);
      }
    }
  }
  const inDegree = new Float64Array(nodeCount);
  for (const t of targets) inDegree[t]++;
  const platformFollowers = new Float64Array(nodeCount);
  const postsCount = new Float64Array(nodeCount);
  const followsCount = new Float64Array(nodeCount);
  const followersCount = new Float64Array(nodeCount);
  const accountAgeDays = new Float64Array(nodeCount);
  const hasAvatar = new Uint8Array(nodeCount);
  const hasBio = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    const celebrity = v >= members;
    // Niche accounts are mostly known inside the niche; celebrities are known everywhere.
    platformFollowers[v] = celebrity
      ? 20_000_000 + Math.round(rng() * 30_000_000)
      : Math.round(inDegree[v] * (1.3 + rng() * 0.4));
    followersCount[v] = platformFollowers[v];
    if (isBot[v]) {
      postsCount[v] = Math.floor(rng() * 2);
      followsCount[v] = 1500 + Math.floor(rng() * 3000);
      accountAgeDays[v] = Math.floor(rng() * 20);
      hasAvatar[v] = rng() < 0.2 ? 1 : 0;
      hasBio[v] = 0;
    } else {
      postsCount[v] = 5 + Math.floor(rng() * 800);
      followsCount[v] = 50 + Math.floor(rng() * 400);
      accountAgeDays[v] = 60 + Math.floor(rng() * 3000);
      hasAvatar[v] = rng() < 0.95 ? 1 : 0;
      hasBio[v] = rng() < 0.8 ? 1 : 0;
    }
  }
  const leaders = Array.from({ length: o.communities }, (_, c) =>
    Array.from({ length: o.leadersPerCommunity }, (_, r) => c * o.communitySize + r),
  );
  return {
    nodeCount,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    community,
    leaders,
    celebrities: Array.from({ length: o.celebrities }, (_, k) => members + k),
    bots,
    boughtAccount,
    platformFollowers,
    profile: { postsCount, followsCount, followersCount, accountAgeDays, hasAvatar, hasBio },
  };
}
