import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../server/adapters/http/fetcher.ts';
import { createRateLimiter } from '../server/adapters/http/rate-limiter.ts';
import { createBlueskyConnector } from '../server/adapters/platforms/bluesky.ts';
import { type CrawlRuntime, runSlice } from '../server/crawl/crawler.ts';
import type { Database } from '../server/db/client.ts';
import { allJobs } from '../server/jobs/all.ts';
import { type Queue, startQueue } from '../server/jobs/queue.ts';
import { rows } from '../server/niches/niche-store.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { missingDatasetMessage, readDatasetEdges } from './fakes/datasets.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { createScaledClock } from './fakes/scaled-clock.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

const edges = readDatasetEdges('twitch-ru');
if (!edges) console.warn(missingDatasetMessage('twitch-ru'));

/** A runtime for tests: one fake server, a shared limiter on a scaled clock, short slices. */
function testRuntime(
  url: string,
  clock: ReturnType<typeof createScaledClock>,
  owner: string,
  sliceMs = 60_000,
): CrawlRuntime {
  const limiter = createRateLimiter({ clock, maxConcurrentPerHost: 4 });
  return {
    ownerId: owner,
    sliceMs,
    leaseMs: 30_000,
    pollMs: 200,
    connector() {
      const fetcher = createFetcher({
        clock,
        limiter,
        maxRetries: 4,
        backoffBaseMs: 5,
        backoffMaxMs: 50,
        timeoutMs: 5_000,
      });
      return {
        connector: createBlueskyConnector({ fetcher, baseUrl: url }),
        sentRequests: () => fetcher.stats().requests,
      };
    },
  };
}

describe.skipIf(!edges).each(testDatabaseKinds)('crawling Bluesky on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let marketer: Api;
  let server: FakeBluesky;
  let queue: Queue;
  const clock = createScaledClock({ speed: 50 });
  let seedIndex = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    // The real queue in the test database; no workers run, so the test drives the slices itself.
    queue = await startQueue(database, pino({ level: 'silent' }), allJobs);
    app = createTestApp(database, { queue });
    const session = await userInWorkspace(app, database, {
      email: 'crawler@agency.test',
      workspace: 'Agency',
    });
    marketer = callerFor(database, session, { queue });
    const graph = buildFakeGraph({ edges: edges!, mutual: true, hiddenEvery: 97 });
    server = await startFakeBluesky({
      graph,
      clock,
      rateLimit: { limit: 300, windowMs: 300_000 },
      faults: [
        { kind: 'unavailable', at: 5 },
        { kind: 'html', at: 9 },
        { kind: 'too_many', at: 14, retryAfterSeconds: 2 },
      ],
    });
    // A mid-sized account as the seed: enough followers to page, few enough to crawl quickly.
    seedIndex = graph.followers.findIndex(
      (f, i) => f.length >= 150 && f.length <= 250 && !graph.accounts[i].hidden,
    );
  });
  afterAll(async () => {
    await queue?.stop();
    await server?.close();
    await database?.close();
  });

  async function createNiche(
    name: string,
    budget: { maxRequests: number; maxAccounts: number; maxMinutes: number },
  ) {
    const created = await marketer.niches.create({
      name,
      platform: 'bluesky',
      seeds: [server.handle(seedIndex)],
      budget,
    });
    const nicheId = created.id;
    const started = await marketer.crawls.start({ nicheId });
    return { nicheId, runId: started.runId };
  }

  async function crawlToEnd(runId: string, runtimes: CrawlRuntime[]) {
    for (let slice = 0; slice < 500; slice++) {
      const outcome = await runSlice(database.db, runtimes[slice % runtimes.length], runId);
      if (outcome.kind === 'finished' || outcome.kind === 'stopped') return outcome;
      if (outcome.kind === 'wait')
        await new Promise((r) => setTimeout(r, Math.min(outcome.seconds * 1000, 2000) / 50));
    }
    throw new Error('crawl did not finish');
  }

  const count = async (table: string, nicheId: string) =>
    Number(
      (
        await rows<{ n: number }>(
          database.db,
          sql.raw(`select count(*)::int as n from ${table} where niche_id = '${nicheId}'`),
        )
      )[0].n,
    );

  it('stores exactly the followers and follows the server holds, within budget, resuming across workers', async () => {
    const budget = { maxRequests: 60, maxAccounts: 50_000, maxMinutes: 60 };
    const { nicheId, runId } = await createNiche('Twitch RU', budget);
    // Two "workers" with short slices take turns, as separate processes would.
    const outcome = await crawlToEnd(runId, [
      testRuntime(server.url, clock, 'worker-a', 300),
      testRuntime(server.url, clock, 'worker-b', 300),
    ]);
    expect(outcome.kind).toBe('finished');

    const progress = await marketer.crawls.progress({ nicheId });
    expect(progress?.status).toBe('done');
    expect(progress?.requests).toBeLessThanOrEqual(budget.maxRequests);
    // Counters add up to what is stored.
    expect(progress?.accounts).toBe(await count('niche_accounts', nicheId));
    expect(progress?.edges).toBe(await count('niche_edges', nicheId));
    // The server was never asked while our quota was spent.
    expect(server.stats.whileExhausted).toBe(0);

    // Every follower of the seed is stored as an edge into the seed.
    const graph = server.graph;
    const stored = await rows<{ f: string; t: string }>(
      database.db,
      sql`select f.platform_id as f, t.platform_id as t from niche_edges e
          join niche_accounts f on f.id = e.follower_id join niche_accounts t on t.id = e.followed_id
          where e.niche_id = ${nicheId}`,
    );
    const storedSet = new Set(stored.map((e) => `${e.f}>${e.t}`));
    const seedDid = server.did(seedIndex);
    const intoSeed = stored
      .filter((e) => e.t === seedDid)
      .map((e) => e.f)
      .sort();
    expect(intoSeed).toEqual(graph.followers[seedIndex].map((i) => server.did(i)).sort());

    // Every audience member whose follows were fetched to the end has exactly its follows stored.
    const completed = await rows<{ platform_id: string }>(
      database.db,
      sql`select a.platform_id from crawl_tasks t join niche_accounts a on a.id = t.account_id
          where t.run_id = ${runId} and t.kind = 'follows' and t.status = 'done'`,
    );
    expect(completed.length).toBeGreaterThan(0);
    for (const { platform_id } of completed) {
      const index = graph.accounts.findIndex((a) => server.did(a.index) === platform_id);
      for (const followed of graph.follows[index])
        expect(storedSet.has(`${platform_id}>${server.did(followed)}`)).toBe(true);
    }
    // Nothing stored that the server does not hold.
    for (const e of stored) {
      const f = graph.accounts.findIndex((a) => server.did(a.index) === e.f);
      const t = graph.accounts.findIndex((a) => server.did(a.index) === e.t);
      expect(graph.follows[f]).toContain(t);
    }
  });

  it('pauses, resumes and cancels, keeping what was collected', async () => {
    const { nicheId, runId } = await createNiche('Twitch RU again', {
      maxRequests: 40,
      maxAccounts: 50_000,
      maxMinutes: 60,
    });
    const runtime = testRuntime(server.url, clock, 'worker-c', 200);
    expect((await runSlice(database.db, runtime, runId)).kind).toBe('continue');
    await marketer.crawls.pause({ nicheId });
    expect((await runSlice(database.db, runtime, runId)).kind).toBe('stopped');
    const paused = await marketer.niches.byId({ id: nicheId });
    expect(paused.status).toBe('paused');
    await marketer.crawls.resume({ nicheId });
    expect((await runSlice(database.db, runtime, runId)).kind).toBe('continue');
    const edgesBefore = await count('niche_edges', nicheId);
    await marketer.crawls.cancel({ nicheId });
    expect((await runSlice(database.db, runtime, runId)).kind).toBe('stopped');
    expect(await count('niche_edges', nicheId)).toBe(edgesBefore);
    expect(edgesBefore).toBeGreaterThan(0);
    const again = await failure(marketer.crawls.resume({ nicheId }));
    expect(again.status).toBe(409);
    expect(again.message).toBe('There is no paused crawl to resume.');
  });

  it('refuses a second crawl of a niche that is already crawling', async () => {
    const { nicheId } = await createNiche('Busy niche', { maxRequests: 10, maxAccounts: 100, maxMinutes: 5 });
    const second = await failure(marketer.crawls.start({ nicheId }));
    expect(second.status).toBe(409);
    expect(second.message).toMatch(/already being crawled/);
  });
});
