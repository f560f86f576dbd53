import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../server/adapters/http/fetcher.ts';
import { createRateLimiter } from '../server/adapters/http/rate-limiter.ts';
import { createMastodonConnector } from '../server/adapters/platforms/mastodon.ts';
import { type CrawlRuntime, runSlice } from '../server/crawl/crawler.ts';
import type { Database } from '../server/db/client.ts';
import { crawlRuns, crawlTasks, niches, workspaces } from '../server/db/schema/index.ts';
import { rows } from '../server/niches/niche-store.ts';
import { missingDatasetMessage, readDatasetEdges } from './fakes/datasets.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { type FakeMastodon, startFakeMastodon } from './fakes/mastodon-server.ts';
import { openTestDatabase } from './support/database.ts';

const edges = readDatasetEdges('twitch-ru');
if (!edges) console.warn(missingDatasetMessage('twitch-ru'));

describe.skipIf(!edges)('crawling Mastodon', () => {
  let database: Database;
  let server: FakeMastodon;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    // Every 5th account hides its collections; the instance is reached through a base-URL override.
    server = await startFakeMastodon({
      graph: buildFakeGraph({ edges: edges!, mutual: true, hiddenEvery: 5 }),
      rateLimit: null,
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('follows Link pagination from the seed, records hidden collections once and keeps counters true', async () => {
    const graph = server.graph;
    const seed = graph.followers.findIndex(
      (f, i) => f.length >= 90 && f.length <= 200 && !graph.accounts[i].hidden,
    );
    const budget = { maxRequests: 40, maxAccounts: 100_000, maxMinutes: 10 };
    const [w] = await database.db.insert(workspaces).values({ name: 'M' }).returning();
    const [niche] = await database.db
      .insert(niches)
      .values({ workspaceId: w.id, name: 'Masto', platform: 'mastodon', seeds: [server.acct(seed)], budget })
      .returning();
    const [run] = await database.db
      .insert(crawlRuns)
      .values({ nicheId: niche.id, workspaceId: w.id, budget })
      .returning();
    await database.db.insert(crawlTasks).values({ runId: run.id, kind: 'seed', arg: server.acct(seed) });
    const limiter = createRateLimiter({
      clock: { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    });
    const runtime: CrawlRuntime = {
      ownerId: 'm',
      sliceMs: 60_000,
      leaseMs: 30_000,
      pollMs: 500,
      connector(_platform, maxAttempts) {
        const fetcher = createFetcher({
          limiter,
          maxRetries: maxAttempts === undefined ? 1 : Math.min(1, maxAttempts - 1),
          backoffBaseMs: 5,
        });
        const connector = createMastodonConnector({ fetcher, instances: { [server.domain]: server.url } });
        return { connector, sentRequests: () => fetcher.stats().requests };
      },
    };
    let outcome = await runSlice(database.db, runtime, run.id);
    while (outcome.kind === 'continue') outcome = await runSlice(database.db, runtime, run.id);
    expect(outcome.kind).toBe('finished');

    const stored = await rows<{ f: string }>(
      database.db,
      sql`select f.platform_id as f from niche_edges e join niche_accounts f on f.id = e.follower_id
          join niche_accounts t on t.id = e.followed_id where e.niche_id = ${niche.id} and t.platform_id = ${server.acct(seed)}`,
    );
    expect(stored.map((s) => s.f).sort()).toEqual(graph.followers[seed].map((i) => server.acct(i)).sort());

    const [state] = await rows<{
      requests: number;
      accounts: number;
      edges: number;
      hidden: number;
      skipped: number;
      counted: number;
      stored: number;
    }>(
      database.db,
      sql`select r.requests, r.accounts, r.edges,
            (select count(*)::int from niche_accounts where niche_id = ${niche.id} and hidden_collections) as hidden,
            (select count(*)::int from crawl_tasks t join niche_accounts a on a.id = t.account_id
              where t.run_id = ${run.id} and t.kind = 'follows' and a.hidden_collections and t.status <> 'skipped') as skipped,
            (select count(*)::int from niche_accounts where niche_id = ${niche.id}) as counted,
            (select count(*)::int from niche_edges where niche_id = ${niche.id}) as stored
          from crawl_runs r where r.id = ${run.id}`,
    );
    expect(state.requests).toBeLessThanOrEqual(budget.maxRequests);
    expect(state.requests).toBe(server.stats.requests);
    expect(state.accounts).toBe(state.counted);
    expect(state.edges).toBe(state.stored);
    // Hidden collections are recorded, and no follows of a hidden account are asked for (or retried).
    expect(state.hidden).toBeGreaterThan(0);
    expect(state.skipped).toBe(0);
  });
});
