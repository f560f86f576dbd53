/**
 * How much of a host's published quota the crawler uses, and how many 429s it provokes: a
 * crawl of the twitch-de graph against the loopback Bluesky server with a 3000-requests-per-
 * 5-minutes policy, for BENCH_SECONDS of (clock) time, optionally compressed (BENCH_SPEED,
 * default 2x: faster than the crawler can save pages on a busy 2-core machine and the
 * measure would be of the database, not of politeness). Runs on PGlite in memory.
 */
import { sql } from 'drizzle-orm';
import { createFetcher } from '../../server/adapters/http/fetcher.ts';
import { createRateLimiter } from '../../server/adapters/http/rate-limiter.ts';
import { createBlueskyConnector } from '../../server/adapters/platforms/bluesky.ts';
import { type CrawlRuntime, runSlice } from '../../server/crawl/crawler.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { crawlRuns, crawlTasks, niches, workspaces } from '../../server/db/schema/index.ts';
import { rows } from '../../server/niches/niche-store.ts';
import { startFakeBluesky } from '../../test/fakes/bluesky-server.ts';
import { missingDatasetMessage, readDatasetEdges } from '../../test/fakes/datasets.ts';
import { buildFakeGraph } from '../../test/fakes/fake-graph.ts';
import { createScaledClock } from '../../test/fakes/scaled-clock.ts';

const speed = Number(process.env.BENCH_SPEED ?? 2);
const seconds = Number(process.env.BENCH_SECONDS ?? 240);
const policy = { limit: 3000, windowMs: 300_000 };
const edges = readDatasetEdges('twitch-de');
if (!edges) {
  console.log(missingDatasetMessage('twitch-de'));
  process.exit(0);
}
const graph = buildFakeGraph({ edges, mutual: true });
const clock = createScaledClock({ speed });
const server = await startFakeBluesky({ graph, clock, rateLimit: policy });
const database = await openDatabase({});
await migrate(database);
const [w] = await database.db.insert(workspaces).values({ name: 'bench' }).returning();
// The busiest accounts as seeds, so the frontier never runs dry.
const seeds = graph.followers
  .map((f, i) => [f.length, i] as const)
  .sort((a, b) => b[0] - a[0])
  .slice(0, 5)
  .map(([, i]) => server.handle(i));
const budget = { maxRequests: 1_000_000, maxAccounts: 5_000_000, maxMinutes: 10_000 };
const [niche] = await database.db
  .insert(niches)
  .values({ workspaceId: w.id, name: 'bench', platform: 'bluesky', seeds, budget })
  .returning();
const [run] = await database.db
  .insert(crawlRuns)
  .values({ nicheId: niche.id, workspaceId: w.id, budget })
  .returning();
await database.db
  .insert(crawlTasks)
  .values(seeds.map((arg) => ({ runId: run.id, kind: 'seed' as const, arg })));

const limiter = createRateLimiter({ clock, maxConcurrentPerHost: 4 });
const runtime: CrawlRuntime = {
  ownerId: 'bench',
  sliceMs: 2_000,
  leaseMs: 30_000,
  pollMs: 1000,
  connector() {
    const fetcher = createFetcher({ clock, limiter });
    return {
      connector: createBlueskyConnector({ fetcher, baseUrl: server.url }),
      sentRequests: () => fetcher.stats().requests,
    };
  },
};

const startClock = clock.now();
const startReal = performance.now();
while (clock.now() - startClock < seconds * 1000) {
  const outcome = await runSlice(database.db, runtime, run.id);
  if (outcome.kind === 'finished' || outcome.kind === 'stopped') break;
  if (outcome.kind === 'wait') await clock.sleep(outcome.seconds * 1000);
}
const clockSeconds = (clock.now() - startClock) / 1000;
const [done] = await rows<{ requests: number; accounts: number; edges: number; errors: number }>(
  database.db,
  sql`select requests, accounts, edges, errors from crawl_runs where id = ${run.id}`,
);
const allowedPerSecond = policy.limit / (policy.windowMs / 1000);
console.table([
  {
    policy: `${policy.limit} per ${policy.windowMs / 60_000} min`,
    speed: `${speed}x`,
    requests: server.stats.requests,
    'clock s': clockSeconds.toFixed(0),
    'real s': ((performance.now() - startReal) / 1000).toFixed(1),
    'requests/s (clock)': (server.stats.requests / clockSeconds).toFixed(2),
    'share of allowed rate': `${((100 * server.stats.requests) / clockSeconds / allowedPerSecond).toFixed(1)}%`,
    '429s': server.stats.tooManyRequests,
    'sent while exhausted': server.stats.whileExhausted,
    accounts: done.accounts,
    edges: done.edges,
    errors: done.errors,
  },
]);
await server.close();
await database.close();
