/**
 * What a background job is, and how workers run them. The list of jobs is in all.ts.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from '../adapters/http/clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { publicErrorText } from '../lib/error-text.ts';
import type { Queue } from './queue.ts';

export type JobDeps = {
  database: Database;
  logger: Logger;
  config: Config;
  queue: Queue;
  /** Job time (crawl rate limits and back-off, tracking schedules, "now"); tests inject one. Default: the system clock. */
  clock?: Clock;
};

export type JobDefinition<T extends object = object> = {
  name: string;
  /** How many of these one process runs at a time. */
  concurrency?: number;
  options?: PgBoss.WorkOptions;
  /** pg-boss queue policy: 'short' keeps at most one queued job per singletonKey. */
  policy?: PgBoss.QueuePolicy;
  run(data: T, deps: JobDeps, job: PgBoss.Job<T>): Promise<void>;
  /**
   * Records a failed run where the user sees it (a crawl or a niche marked failed), so nothing
   * stays "running" forever. Gets the failure as safe, short text.
   */
  failed?(data: T, deps: JobDeps, message: string): Promise<void>;
};

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

/** Starts workers for the given jobs; returns when they are registered. */
export async function startWorkers(deps: JobDeps, definitions: JobDefinition<never>[]) {
  for (const definition of definitions) {
    for (let i = 0; i < (definition.concurrency ?? 1); i++) {
      await deps.queue.work(
        definition.name,
        { pollingIntervalSeconds: 1, ...definition.options },
        async (job) => {
          const log = deps.logger.child({ job: definition.name, jobId: job.id });
          const started = performance.now();
          try {
            await definition.run(job.data as never, { ...deps, logger: log }, job as never);
            log.info({ ms: Math.round(performance.now() - started) }, 'job done');
          } catch (error) {
            const message = publicErrorText(error);
            log.error({ err: error }, 'job failed');
            try {
              await definition.failed?.(job.data as never, { ...deps, logger: log }, message);
            } catch (recordError) {
              log.error({ err: recordError }, 'could not record the job failure');
            }
            // pg-boss stores what we throw as JSON (message, stack and every own property): a
            // NUL there, or Drizzle's bound params, must never reach it. A fresh error holds only
            // the cleaned message.
            throw new Error(message);
          }
        },
      );
    }
  }
}
