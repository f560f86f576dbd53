import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure, type RouterInputs } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('leaderboard on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let analyst: Caller;
  let analystApi: Api;
  let outsider: Api;
  let niche: Awaited<ReturnType<typeof seedScoredNiche>>;
  const list = (input: Omit<RouterInputs['leaderboard']['list'], 'nicheId'>) =>
    analystApi.leaderboard.list({ nicheId: niche.nicheId, ...input });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    analyst = await userInWorkspace(app, database, { email: 'ana@agency.test', workspace: 'Agency' });
    analystApi = callerFor(database, analyst);
    outsider = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'otto@rival.test', workspace: 'Rival' }),
    );
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

  // Bad input over HTTP: the field messages are what the error formatter puts in the body.
  it('rejects bad input and hides other workspaces’ niches', async () => {
    const bad = await trpcCall(
      app,
      analyst,
      'leaderboard.list',
      { nicheId: niche.nicheId, limit: 501, sort: 'mood' },
      'query',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/sort/);
    expect(bad.body.error?.message).toMatch(/limit/);
    const foreign = await failure(outsider.leaderboard.list({ nicheId: niche.nicheId }));
    expect(foreign.status).toBe(404);
    expect(foreign.message).toBe('No such niche.');
    const account = await failure(
      outsider.leaderboard.account({ nicheId: niche.nicheId, accountId: niche.accountIds[0] }),
    );
    expect(account.status).toBe(404);
  });

  it('explains an account’s score, with lookalikes and rank history', async () => {
    const [leader] = (await list({ limit: 1 })).rows;
    const d = await analystApi.leaderboard.account({ nicheId: niche.nicheId, accountId: leader.accountId });
    expect(d.profile.url).toBe(`https://bsky.app/profile/${leader.handle}`);
    const total = d.explanation.reduce((s, e) => s + e.contribution, 0);
    expect(d.score?.score).toBeCloseTo(total, 3);
    expect(d.explanation.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(1, 6);
    expect(d.lookalikes.length).toBeGreaterThan(0);
    expect(d.lookalikes.every((l) => l.accountId !== leader.accountId && l.similarity > 0)).toBe(true);
    expect(d.history).toHaveLength(2);
    expect(d.history[1].rank).toBe(1);
  });

  it('shows the network map, communities and changes between snapshots', async () => {
    const graph = await analystApi.leaderboard.graph({ nicheId: niche.nicheId, maxNodes: 100 });
    expect(graph.nodes.ids).toHaveLength(100);
    expect(graph.truncated).toBe(true);
    expect(graph.edges.sources.length).toBeGreaterThan(0);
    expect(Math.max(...graph.edges.sources, ...graph.edges.targets)).toBeLessThan(100);
    const communities = await analystApi.leaderboard.communities({ nicheId: niche.nicheId });
    expect(communities.communities.length).toBeGreaterThan(1);
    expect(communities.communities[0].topAccounts.length).toBeGreaterThan(0);
    const changes = await analystApi.leaderboard.compare({
      nicheId: niche.nicheId,
      fromSnapshotId: niche.firstSnapshotId!,
      toSnapshotId: niche.snapshotId,
      limit: 5,
    });
    // Risers and fallers were ranked before; only newcomers have no previous rank.
    expect(changes.risers.every((r) => r.previousRank !== null && r.previousRank > r.rank)).toBe(true);
    expect(changes.fallers.every((r) => r.previousRank !== null && r.previousRank < r.rank)).toBe(true);
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
    const page = await analystApi.leaderboard.list({ nicheId: fresh.id });
    expect(page).toEqual({ snapshot: null, total: 0, rows: [], attributeKeys: [] });
  });
});
