import { type Clock, systemClock } from '../adapters/http/clock.ts';
import { createFetcher } from '../adapters/http/fetcher.ts';
import { createRateLimiter, type RateLimiter } from '../adapters/http/rate-limiter.ts';
import { createBlueskyConnector } from '../adapters/platforms/bluesky.ts';
import { createMastodonConnector } from '../adapters/platforms/mastodon.ts';
import type { Config } from '../config.ts';
import { defineJob } from '../jobs/registry.ts';
import { enqueueScoring } from '../scoring/scoring.service.ts';
import { crawlJobName, enqueueSlice } from './crawl.service.ts';
import { type CrawlRuntime, defaultRuntimeTimings, failRun, newOwnerId } from './crawler.ts';
import { runCrawlToEnd } from './run-to-end.ts';

export type CrawlJobData = { runId: string };

/**
 * This process's crawl runtime. Rate-limit knowledge is kept per process (quotas are per IP,
 * and each machine has its own), shared by every slice this process runs.
 */
export function crawlRuntime(
  config: Config,
  timings: Partial<typeof defaultRuntimeTimings> = {},
  clock: Clock = systemClock,
): CrawlRuntime {
  const limiter: RateLimiter = createRateLimiter({ clock, maxConcurrentPerHost: 4 });
  return {
    ...defaultRuntimeTimings,
    ...(config.crawlLeaseSeconds ? { leaseMs: config.crawlLeaseSeconds * 1000 } : {}),
    ...timings,
    ownerId: newOwnerId(),
    connector(platform) {
      const fetcher = createFetcher({
        userAgent: config.userAgent,
        limiter,
        clock,
        timeoutMs: 15_000,
        maxRetries: 4,
      });
      const connector =
        platform === 'bluesky'
          ? createBlueskyConnector({ fetcher, baseUrl: config.blueskyAppviewUrl })
          : createMastodonConnector({
              fetcher,
              instances: config.mastodonInstanceUrls,
              searchInstance: config.mastodonSearchInstance,
            });
      return { connector, sentRequests: () => fetcher.stats().requests };
    },
  };
}

const runtimes = new WeakMap<Config, CrawlRuntime>();

export const crawlJob = defineJob<CrawlJobData>({
  name: crawlJobName,
  policy: 'short',
  concurrency: 2,
  options: { pollingIntervalSeconds: 1 },
  async run(data, deps) {
    let runtime = runtimes.get(deps.config);
    if (!runtime) {
      runtime = crawlRuntime(deps.config, {}, deps.clock);
      runtimes.set(deps.config, runtime);
    }
    const db = deps.database.db;
    // One slice per job: the next slice is a new job, so other crawls get their turn.
    const { outcome, run } = await runCrawlToEnd(db, runtime, data.runId, { slices: 1 });
    if (outcome.kind === 'continue') await enqueueSlice(deps.queue, data.runId);
    else if (outcome.kind === 'wait') await enqueueSlice(deps.queue, data.runId, outcome.seconds);
    else if (outcome.kind === 'finished' && run.status === 'done') {
      if (run.edges > 0)
        await enqueueScoring(db, deps.queue, { nicheId: run.nicheId, workspaceId: run.workspaceId });
    }
  },
  // A task's failure is recorded on the task and the crawl goes on (crawl-tasks.ts); what
  // reaches here broke the slice itself, and retrying it would break it again.
  async failed(data, deps, message) {
    await failRun(deps.database.db, data.runId, message);
  },
});
