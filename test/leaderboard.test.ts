import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

type Row = {
  accountId: number;
  rank: number;
  handle: string;
  score: number;
  followers: number | null;
  engagementRate: number | null;
  pagerank: number;
  community: number;
  shortlisted: boolean;
};
type Page = { snapshot: { id: string; components: string[] } | null; total: number; rows: Row[] };

describe.each(testDatabaseKinds)('leaderboard on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let analyst: Caller;
  let outsider: Caller;
  let niche: Awaited<ReturnType<typeof seedScoredNiche>>;
  const query = (who: Caller, path: string, input: object) => trpcCall(app, who, path, input, 'query');
  const list = async (input: object) =>
    (await query(analyst, 'leaderboard.list', { nicheId: niche.nicheId, ...input })).data as Page;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    analyst = await userInWorkspace(app, database, { email: 'ana@agency.test', workspace: 'Agency' });
    outsider = await userInWorkspace(app, database, { email: 'otto@rival.test', workspace: 'Rival' });
    const [agency] = await database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    niche = await seedScoredNiche(database.db, { workspaceId: agency.id, communitySize: 40, history: true });
  });
  afterAll(() => database.close());

  it('lists the latest snapshot by rank, and pages through it without overlap', async () => {
    const first = await list({ limit: 50 });
    expect(first.total).toBe(niche.accountIds.length);
    expect(first.snapshot?.id).toBe(niche.snapshotId);
    expect(first.snapshot?.components).toContain('pagerank');
    expect(first.rows.map((r) => r.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const scores = first.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const second = await list({ offset: 50, limit: 50 });
    expect(second.rows[0].rank).toBe(51);
  });

  it('sorts by any column both ways, unknown values last', async () => {
    const byPagerank = (await list({ sort: 'pagerank', dir: 'desc', limit: 500 })).rows.map(
      (r) => r.pagerank,
    );
    expect(byPagerank).toEqual([...byPagerank].sort((a, b) => b - a));
    const byFollowers = (await list({ sort: 'followers', dir: 'asc', limit: 500 })).rows.map(
      (r) => r.followers,
    );
    expect(byFollowers).toEqual([...byFollowers].sort((a, b) => a! - b!));
    const byEngagement = (await list({ sort: 'engagementRate', dir: 'asc', limit: 500 })).rows;
    const known = byEngagement.filter((r) => r.engagementRate !== null).map((r) => r.engagementRate!);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(byEngagement.findIndex((r) => r.engagementRate === null)).toBe(known.length);
    const byHandle = (await list({ sort: 'handle', dir: 'desc', limit: 5 })).rows.map((r) => r.handle);
    expect(byHandle).toEqual([...byHandle].sort().reverse());
    const lowest = await list({ sort: 'score', dir: 'asc', limit: 1 });
    expect(lowest.rows[0].rank).toBe(niche.accountIds.length);
  });

  it('filters by text, community and ranges, with the filtered total', async () => {
    const found = await list({ search: '@USER12' });
    expect(found.rows.length).toBeGreaterThan(0);
    expect(found.rows.every((r) => r.handle.startsWith('user12'))).toBe(true);
    expect(found.total).toBe(found.rows.length);
    const community = await list({ community: 1, limit: 500 });
    expect(community.total).toBeGreaterThan(0);
    expect(community.rows.every((r) => r.community === 1)).toBe(true);
    const top = await list({ ranges: { score: { min: 50 }, followers: { max: 1e9 } }, limit: 500 });
    expect(top.rows.every((r) => r.score >= 50 && r.followers !== null)).toBe(true);
    const none = await list({ search: '100%_' });
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  it('rejects bad input and hides other workspaces’ niches', async () => {
    const bad = await query(analyst, 'leaderboard.list', {
      nicheId: niche.nicheId,
      limit: 501,
      sort: 'mood',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/sort/);
    expect(bad.body.error?.message).toMatch(/limit/);
    const foreign = await query(outsider, 'leaderboard.list', { nicheId: niche.nicheId });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.message).toBe('No such niche.');
    const account = await query(outsider, 'leaderboard.account', {
      nicheId: niche.nicheId,
      accountId: niche.accountIds[0],
    });
    expect(account.status).toBe(404);
  });

  it('explains an account’s score, with lookalikes and rank history', async () => {
    const [leader] = (await list({ limit: 1 })).rows;
    const details = await query(analyst, 'leaderboard.account', {
      nicheId: niche.nicheId,
      accountId: leader.accountId,
    });
    expect(details.status).toBe(200);
    const d = details.data as {
      profile: { handle: string; url: string };
      score: { score: number };
      explanation: { component: string; weight: number; contribution: number }[];
      lookalikes: { accountId: number; similarity: number }[];
      history: { rank: number | null }[];
    };
    expect(d.profile.url).toBe(`https://bsky.app/profile/${leader.handle}`);
    const total = d.explanation.reduce((s, e) => s + e.contribution, 0);
    expect(total).toBeCloseTo(d.score.score, 3);
    expect(d.explanation.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(1, 6);
    expect(d.lookalikes.length).toBeGreaterThan(0);
    expect(d.lookalikes.every((l) => l.accountId !== leader.accountId && l.similarity > 0)).toBe(true);
    expect(d.history).toHaveLength(2);
    expect(d.history[1].rank).toBe(1);
  });

  it('shows the network map, communities and changes between snapshots', async () => {
    const graph = (await query(analyst, 'leaderboard.graph', { nicheId: niche.nicheId, maxNodes: 100 }))
      .data as {
      nodes: { ids: number[]; scores: number[] };
      edges: { sources: number[]; targets: number[] };
      totalNodes: number;
      truncated: boolean;
    };
    expect(graph.nodes.ids).toHaveLength(100);
    expect(graph.truncated).toBe(true);
    expect(graph.edges.sources.length).toBeGreaterThan(0);
    expect(Math.max(...graph.edges.sources, ...graph.edges.targets)).toBeLessThan(100);
    const communities = (await query(analyst, 'leaderboard.communities', { nicheId: niche.nicheId }))
      .data as {
      communities: { size: number; topAccounts: { handle: string }[] }[];
    };
    expect(communities.communities.length).toBeGreaterThan(1);
    expect(communities.communities[0].topAccounts.length).toBeGreaterThan(0);
    const changes = (
      await query(analyst, 'leaderboard.compare', {
        nicheId: niche.nicheId,
        fromSnapshotId: niche.firstSnapshotId,
        toSnapshotId: niche.snapshotId,
        limit: 5,
      })
    ).data as {
      risers: { rank: number; previousRank: number }[];
      fallers: { rank: number; previousRank: number }[];
      newcomers: { previousRank: null }[];
    };
    expect(changes.risers.every((r) => r.previousRank > r.rank)).toBe(true);
    expect(changes.fallers.every((r) => r.previousRank < r.rank)).toBe(true);
    expect(changes.newcomers.length).toBe(5);
  });

  it('returns no rows for a niche that was never scored', async () => {
    const [agency] = await database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    const { niches } = await import('../server/db/schema/index.ts');
    const [fresh] = await database.db
      .insert(niches)
      .values({
        workspaceId: agency.id,
        name: 'Fresh',
        platform: 'mastodon',
        budget: { maxRequests: 1, maxAccounts: 1, maxMinutes: 1 },
      })
      .returning();
    const page = (await query(analyst, 'leaderboard.list', { nicheId: fresh.id })).data as Page;
    expect(page).toEqual({ snapshot: null, total: 0, rows: [], attributeKeys: [] });
  });
});
