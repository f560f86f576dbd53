/**
 * Issue 13: once a niche has measured campaigns, a marketer plans with probabilities learned
 * from the reshares Murmur observed, and the plan says so and from how much; before that the
 * learned model is refused, saying why. Posts are tracked on the loopback Bluesky server; the
 * niche is the crawl of the same accounts, written as the crawler stores it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../server/adapters/http/fetcher.ts';
import { loadConfig } from '../server/config.ts';
import { niches, workspaces } from '../server/db/schema/index.ts';
import { markReady } from '../server/niches/niche-status.ts';
import { insertEdges, upsertAccounts } from '../server/niches/niche-store.ts';
import { pollDuePosts } from '../server/tracking/poll-post.ts';
import { createTrackingRuntime } from '../server/tracking/tracking-runtime.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';
import { openWorld, type World } from './support/world.ts';

const MINUTE = 60_000;
// hub posts; a follows hub, b follows a, e follows b. c reshares too but is outside the niche.
const edges: Array<[string, string]> = [
  ...Array.from({ length: 4 }, (_, i) => [`f${i}`, 'hub'] as [string, string]),
  ['a', 'hub'],
  ['b', 'a'],
  ['e', 'b'],
  ['c', 'hub'],
];
const inNiche = ['hub', 'a', 'b', 'e', 'f0', 'f1', 'f2', 'f3'];

describe.each(testDatabaseKinds)('planning with learned probabilities on %s', (kind) => {
  let world: World;
  let bsky: FakeBluesky;
  let member: Api;
  let outsider: Api;
  let nicheId: string;
  let runtime: ReturnType<typeof createTrackingRuntime>;
  let clock = 0;
  const now = () => new Date(clock);
  const graph = buildFakeGraph({ edges, seed: 5 });
  const idx = (key: string) => graph.byName.get(`user${key}`)!;
  const hub = idx('hub');
  const postedAt = Date.parse(graph.accounts[hub]!.posts[0]!.createdAt);
  const at = (minutes: number) => new Date(postedAt + minutes * MINUTE).toISOString();

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'learned' });
    bsky = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    const config = loadConfig({
      DATA_DIR: tempDir('murmur-learned-'),
      SESSION_SECRET: 'x'.repeat(40),
      BLUESKY_APPVIEW_URL: bsky.url,
    });
    clock = postedAt + 5 * MINUTE;
    runtime = createTrackingRuntime(config, { now, fetcher: createFetcher({ maxRetries: 0 }) });
    member = callerFor(world.database, world.member, { now, config, queue: world.queue });
    outsider = callerFor(world.database, world.outsider, { now, config, queue: world.queue });
    const db = world.database.db;
    const [agency] = await db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    const [niche] = await db
      .insert(niches)
      .values({
        workspaceId: agency!.id,
        name: 'Oat drinkers',
        platform: 'bluesky',
        budget: { maxRequests: 100, maxAccounts: 100, maxMinutes: 5 },
      })
      .returning();
    nicheId = niche!.id;
    const { ids } = await upsertAccounts(
      db,
      nicheId,
      inNiche.map((key) => ({
        platformId: bsky.did(idx(key)),
        handle: bsky.handle(idx(key)),
        followersCount: graph.followers[idx(key)]!.length * 1000,
      })),
    );
    const stored = edges.filter(([f, t]) => inNiche.includes(f) && inNiche.includes(t));
    const id = (key: string) => ids.get(bsky.did(idx(key)))!;
    await insertEdges(
      db,
      nicheId,
      stored.map(([f]) => id(f)),
      stored.map(([, t]) => id(t)),
    );
    await markReady(db, { nicheId });
  });
  afterAll(async () => {
    await bsky?.close();
    await world?.close();
  });

  const learnedPlan = {
    goal: { kind: 'k', k: 1 },
    model: { kind: 'learned' },
    simulations: 100,
    seed: 3,
  } as const;

  it('refuses the learned model while the niche has no measured campaigns, saying why', async () => {
    const { learned } = await member.plans.list({ nicheId });
    expect(learned).toMatchObject({
      available: false,
      reason: expect.stringMatching(/No measured campaigns/),
    });
    const refused = await failure(member.plans.create({ nicheId, ...learnedPlan }));
    expect(refused).toMatchObject({ status: 412, message: expect.stringMatching(/No measured campaigns/) });
  });

  it('learns from tracked reshares by niche accounts and names the model and its data', {
    timeout: 60_000,
  }, async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const campaignId = (
      await member.campaigns.create({
        name: 'Oat launch',
        currency: 'EUR',
        startsOn: day(postedAt),
        endsOn: day(postedAt + 86_400_000),
      })
    ).id;
    const contact = await member.contacts.create({
      name: 'Hub Creator',
      socialAccounts: [{ platform: 'bluesky', handle: bsky.handle(hub) }],
    });
    await member.deals.create({ campaignId, contactIds: [contact.id] });
    const dealId = (await member.deals.list({ campaignId }))[0]!.id;
    const spread = bsky.spread.on(hub, 0);
    spread.reposts.push(
      { by: idx('a'), at: at(1) },
      { by: idx('b'), at: at(2) },
      { by: idx('c'), at: at(3) },
    );
    const url = `https://bsky.app/profile/${bsky.handle(hub)}/post/3kfake${hub.toString(36)}p0`;
    await member.tracking.track({ dealId, url });
    clock += 16 * MINUTE;
    await pollDuePosts(world.database.db, runtime);

    const { learned } = await member.plans.list({ nicheId });
    expect(learned).toMatchObject({ available: true, cascades: 1, reshares: 2 });
    expect(learned.reason).toBe('Learns from 1 measured cascade with 2 reshares by accounts of this niche.');

    const created = await member.plans.create({ nicheId, ...learnedPlan });
    await expect
      .poll(async () => (await member.plans.byId({ id: created.id })).status, {
        timeout: 50_000,
        interval: 200,
      })
      .toMatch(/done|failed/);
    const plan = await member.plans.byId({ id: created.id });
    expect(plan.error).toBeNull();
    expect(plan.model).toBe('learned');
    expect(plan.result!.model.kind).toBe('learned');
    // Edges out of hub (5 niche followers), a (b) and b (e) were observed; the rest fall back.
    expect(plan.result!.model.label).toMatch(
      /^Learned from 1 measured cascade with 2 reshares by accounts of this niche .*: 7 follows have observed probabilities/,
    );
    expect(plan.result!.plan.picks.map((p) => p.handle)).toEqual([bsky.handle(hub)]);

    // Another workspace neither sees this niche's campaigns nor can plan on it.
    expect(await failure(outsider.plans.list({ nicheId }))).toMatchObject({ status: 404 });
    expect(await failure(outsider.plans.create({ nicheId, ...learnedPlan }))).toMatchObject({ status: 404 });
  });
});
