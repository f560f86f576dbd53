/**
 * Writes a scored niche straight through the schema, for tests and the leaderboard benchmark:
 * a planted-community graph scored by graph/scoreNiche, or (for very large benches) synthetic
 * scores without running the engine. Never used by the running app.
 */
import { COMPONENTS, plantedCommunities, type Rng, scoreNiche, seededRng } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { nicheAccounts, nicheEdges, nicheScores, niches, scoreSnapshots } from '../db/schema/index.ts';
import { markReady } from '../niches/niche-status.ts';

export type SeedOptions = {
  workspaceId: string;
  name?: string;
  seed?: number;
  /** Accounts per community (6 communities): about 6 * communitySize accounts. */
  communitySize?: number;
  /** 'engine' runs scoreNiche; 'synthetic' draws scores at random and stores no edges. */
  mode?: 'engine' | 'synthetic';
  /** Synthetic mode only. */
  accounts?: number;
  platform?: 'bluesky' | 'mastodon' | 'file';
  /** Two snapshots: an older one without the last tenth of accounts, then the full, jittered one. */
  history?: boolean;
};

const chunk = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

type Scores = {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  followers: Float64Array;
  score: Float64Array;
  metric: (name: string, v: number) => number;
  community: Int32Array;
  percentiles: (v: number) => number[];
  weights: Record<string, number>;
  communities: { id: number; size: number; topNodes: number[] }[];
  modularity: number;
};

function engineScores(rng: Rng, communitySize: number): Scores {
  const g = plantedCommunities({ rng, communitySize });
  const s = scoreNiche(
    {
      nodeCount: g.nodeCount,
      sources: g.sources,
      targets: g.targets,
      platformFollowers: g.platformFollowers,
      profile: g.profile,
    },
    { rng },
  );
  const arrays: Record<string, ArrayLike<number>> = {
    inDegree: s.inDegree,
    nicheFollowers: s.nicheFollowers,
    reach: s.reach,
    pagerank: s.pagerank,
    hub: s.hubs,
    authority: s.authorities,
    betweenness: s.betweenness,
    coreness: s.coreness,
    nicheAffinity: s.nicheAffinity,
    audienceQuality: s.audienceQuality,
  };
  return {
    nodeCount: g.nodeCount,
    sources: g.sources,
    targets: g.targets,
    followers: g.platformFollowers,
    score: s.score,
    metric: (name, v) => arrays[name][v],
    community: s.community,
    percentiles: (v) => s.components.map((c) => s.percentiles[c][v]),
    weights: s.weights,
    communities: s.communities,
    modularity: s.modularity,
  };
}

function syntheticScores(rng: Rng, nodeCount: number): Scores {
  const values = new Map<string, Float64Array>();
  const metric = (name: string, v: number) => {
    let a = values.get(name);
    if (!a) {
      a = Float64Array.from({ length: nodeCount }, () => rng() ** 3);
      values.set(name, a);
    }
    return name === 'nicheFollowers' || name === 'inDegree' || name === 'coreness'
      ? Math.round(a[v] * 500)
      : a[v];
  };
  const community = Int32Array.from({ length: nodeCount }, () => Math.floor(rng() ** 2 * 40));
  const sizes = new Map<number, number>();
  for (const c of community) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  return {
    nodeCount,
    sources: new Int32Array(0),
    targets: new Int32Array(0),
    followers: Float64Array.from({ length: nodeCount }, () =>
      rng() < 0.05 ? Number.NaN : Math.round(rng() ** 4 * 1e6),
    ),
    score: Float64Array.from({ length: nodeCount }, () => rng() * 100),
    metric,
    community,
    percentiles: () => COMPONENTS.map(() => rng()),
    weights: Object.fromEntries(COMPONENTS.map((c) => [c, 0.1])),
    communities: [...sizes].map(([id, size]) => ({ id, size, topNodes: [] })),
    modularity: 0.3,
  };
}

export async function seedScoredNiche(db: Db, options: SeedOptions) {
  const rng = seededRng(options.seed ?? 7);
  const s =
    options.mode === 'synthetic'
      ? syntheticScores(rng, options.accounts ?? 1000)
      : engineScores(rng, options.communitySize ?? 50);
  const [niche] = await db
    .insert(niches)
    .values({
      workspaceId: options.workspaceId,
      name: options.name ?? 'Seeded niche',
      platform: options.platform ?? 'bluesky',
      budget: { maxRequests: 1000, maxAccounts: 1000, maxMinutes: 10 },
    })
    .returning({ id: niches.id });
  await markReady(db, { nicheId: niche.id });
  const host = options.platform === 'mastodon' ? 'mastodon.social' : 'bsky.social';
  const ids = new Array<number>(s.nodeCount);
  for (const part of chunk([...Array(s.nodeCount).keys()], 2000)) {
    const rows = await db
      .insert(nicheAccounts)
      .values(
        part.map((v) => ({
          nicheId: niche.id,
          platformId: `node-${v}`,
          handle: options.platform === 'mastodon' ? `user${v}@${host}` : `user${v}.${host}`,
          displayName: v % 3 === 0 ? null : `User ${v}`,
          followersCount: Number.isNaN(s.followers[v]) ? null : Math.round(s.followers[v]),
          engagementRate: v % 4 === 0 ? null : (v % 97) / 1000,
          isSeed: v < 3,
        })),
      )
      .returning({ id: nicheAccounts.id, platformId: nicheAccounts.platformId });
    for (const r of rows) ids[Number(r.platformId.slice(5))] = r.id;
  }
  const edges = [...Array(s.sources.length).keys()].map((i) => ({
    nicheId: niche.id,
    followerId: ids[s.sources[i]],
    followedId: ids[s.targets[i]],
  }));
  for (const part of chunk(edges, 5000)) await db.insert(nicheEdges).values(part).onConflictDoNothing();
  let firstSnapshotId: string | undefined;
  if (options.history) {
    const cut = Math.floor(s.nodeCount * 0.9);
    const jittered = Float64Array.from(s.score, (x) => x * (0.7 + 0.6 * rng()));
    firstSnapshotId = await writeSnapshot(db, niche.id, options.workspaceId, { ...s, score: jittered }, ids, {
      createdAt: new Date(Date.now() - 86_400_000),
      include: (v) => v < cut,
    });
  }
  const snapshotId = await writeSnapshot(db, niche.id, options.workspaceId, s, ids);
  return { nicheId: niche.id, snapshotId, firstSnapshotId, accountIds: ids };
}

async function writeSnapshot(
  db: Db,
  nicheId: string,
  workspaceId: string,
  s: Scores,
  ids: number[],
  options: { createdAt?: Date; include?: (v: number) => boolean } = {},
) {
  const createdAt = options.createdAt ?? new Date();
  const order = [...Array(s.nodeCount).keys()]
    .filter(options.include ?? (() => true))
    .sort((a, b) => s.score[b] - s.score[a] || a - b);
  const [snapshot] = await db
    .insert(scoreSnapshots)
    .values({
      nicheId,
      workspaceId,
      createdAt,
      nodeCount: order.length,
      edgeCount: s.sources.length,
      modularity: s.modularity,
      communityCount: s.communities.length,
      communities: s.communities.map((c) => ({
        id: c.id,
        size: c.size,
        topAccountIds: c.topNodes.map((v) => ids[v]),
      })),
      weights: s.weights,
      meta: { components: COMPONENTS },
    })
    .returning({ id: scoreSnapshots.id });
  const rows = order.map((v, i) => ({
    snapshotId: snapshot.id,
    accountId: ids[v],
    rank: i + 1,
    score: s.score[v],
    inDegree: Math.round(s.metric('inDegree', v)),
    nicheFollowers: Math.round(s.metric('nicheFollowers', v)),
    reach: s.metric('reach', v),
    pagerank: s.metric('pagerank', v),
    hub: s.metric('hub', v),
    authority: s.metric('authority', v),
    betweenness: s.metric('betweenness', v),
    coreness: Math.round(s.metric('coreness', v)),
    nicheAffinity: s.metric('nicheAffinity', v),
    audienceQuality: Number.isNaN(s.metric('audienceQuality', v)) ? null : s.metric('audienceQuality', v),
    community: s.community[v],
    percentiles: s.percentiles(v),
  }));
  for (const part of chunk(rows, 3000)) await db.insert(nicheScores).values(part);
  return snapshot.id;
}
