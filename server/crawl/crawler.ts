/**
 * Runs a crawl in slices. A slice takes the run's lease (so two workers never crawl one run at
 * once), works through the frontier page by page until its time is up, and gives the lease
 * back; the job then queues the next slice. Everything a slice knows is re-read from the
 * database, so any worker process can pick up where another stopped or died.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { isCrawlError } from '../adapters/http/crawl.errors.ts';
import type { Connector } from '../adapters/platforms/types.ts';
import type { Db } from '../db/client.ts';
import { type CrawlRun, crawlRuns, crawlTasks, niches } from '../db/schema/index.ts';
import { markFailed, markIdle } from '../niches/niche-status.ts';
import { advancePhase, audienceShare } from './crawl-phases.ts';
import { runTask } from './crawl-tasks.ts';
import { seedOutcome, seedReport } from './seed-failures.ts';

export type CrawlRuntime = {
  /**
   * A connector whose requests are counted by `sentRequests`; with `maxAttempts`, one call
   * never sends more than that many requests, retries included.
   */
  connector(
    platform: 'bluesky' | 'mastodon',
    maxAttempts?: number,
  ): { connector: Connector; sentRequests: () => number };
  ownerId: string;
  sliceMs: number;
  leaseMs: number;
  /** How often a running slice checks for pause or cancel. */
  pollMs: number;
};

const retryHeadroom = 6;

export const defaultRuntimeTimings = { sliceMs: 20_000, leaseMs: 15_000, pollMs: 1_000 };
export const newOwnerId = () => `${process.pid}-${randomUUID().slice(0, 8)}`;

export type SliceOutcome =
  | { kind: 'continue' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'finished'; run: CrawlRun }
  | { kind: 'stopped' };

async function acquireLease(db: Db, runId: string, owner: string, leaseMs: number) {
  const now = new Date();
  const [run] = await db
    .update(crawlRuns)
    .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
    .where(
      and(
        eq(crawlRuns.id, runId),
        eq(crawlRuns.status, 'running'),
        or(isNull(crawlRuns.leaseUntil), lt(crawlRuns.leaseUntil, now), eq(crawlRuns.leaseOwner, owner)),
      ),
    )
    .returning();
  return run ?? null;
}

function budgetLeft(run: CrawlRun, activeMs: number) {
  return (
    run.requests < run.budget.maxRequests &&
    run.accounts < run.budget.maxAccounts &&
    activeMs < run.budget.maxMinutes * 60_000
  );
}

export async function runSlice(db: Db, runtime: CrawlRuntime, runId: string): Promise<SliceOutcome> {
  const leased = await acquireLease(db, runId, runtime.ownerId, runtime.leaseMs);
  if (!leased) {
    const [current] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, runId));
    if (current?.status !== 'running') return { kind: 'stopped' };
    // Someone else holds it (or held it and died): look again when the lease runs out.
    const seconds = Math.max(1, Math.ceil(((current.leaseUntil?.getTime() ?? 0) - Date.now()) / 1000) + 1);
    return { kind: 'wait', seconds };
  }
  const [niche] = await db.select().from(niches).where(eq(niches.id, leased.nicheId));
  if (niche.platform === 'file') return finish(db, leased, 'failed', 'A file niche cannot be crawled.');
  let { connector, sentRequests } = runtime.connector(niche.platform);
  const started = Date.now();
  const controller = new AbortController();
  // Pause and cancel are rows in the database: look at them every second, abort the page in flight.
  const poll = setInterval(async () => {
    const [row] = await db
      .select({ status: crawlRuns.status })
      .from(crawlRuns)
      .where(eq(crawlRuns.id, runId));
    if (row?.status !== 'running') controller.abort();
  }, runtime.pollMs);
  let outcome: SliceOutcome = { kind: 'continue' };
  try {
    while (Date.now() - started < runtime.sliceMs) {
      const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, runId));
      if (run?.status !== 'running' || run.leaseOwner !== runtime.ownerId) {
        outcome = { kind: 'stopped' };
        break;
      }
      if (!budgetLeft(run, run.activeMs + (Date.now() - started))) {
        outcome = await finish(db, run, 'done', null, Date.now() - started);
        break;
      }
      const [task] = await db
        .select()
        .from(crawlTasks)
        .where(and(eq(crawlTasks.runId, runId), eq(crawlTasks.status, 'pending')))
        .orderBy(asc(crawlTasks.priority), asc(crawlTasks.id))
        .limit(1);
      if (!task) {
        if (await advancePhase(db, run, niche.platform)) continue;
        outcome = await finish(db, run, 'done', null, Date.now() - started);
        break;
      }
      // Near the end of the request budget, retries must not carry a page past it.
      const requestsLeft = run.budget.maxRequests - run.requests;
      if (requestsLeft <= retryHeadroom)
        ({ connector, sentRequests } = runtime.connector(niche.platform, requestsLeft));
      const room =
        task.kind === 'followers'
          ? Math.floor(run.budget.maxAccounts * audienceShare) - run.accounts
          : run.budget.maxAccounts - run.accounts;
      try {
        const result = await runTask(
          {
            db,
            connector,
            run,
            signal: controller.signal,
            sentRequests,
            leaseUntil: () => new Date(Date.now() + runtime.leaseMs),
            accountRoom: room,
          },
          task,
        );
        if (result.retryAt) {
          outcome = { kind: 'wait', seconds: Math.max(1, Math.ceil((result.retryAt - Date.now()) / 1000)) };
          break;
        }
      } catch (error) {
        if (controller.signal.aborted || isCrawlError(error, 'aborted')) {
          outcome = { kind: 'stopped' };
          break;
        }
        throw error;
      }
    }
  } finally {
    clearInterval(poll);
    if (outcome.kind !== 'finished') {
      await db
        .update(crawlRuns)
        .set({
          activeMs: sql`${crawlRuns.activeMs} + ${Date.now() - started}`,
          leaseUntil: null,
          leaseOwner: null,
          updatedAt: new Date(),
        })
        .where(and(eq(crawlRuns.id, runId), eq(crawlRuns.leaseOwner, runtime.ownerId)));
    }
  }
  return outcome;
}

/** Ends a running or paused crawl as failed, and its niche with it. */
export async function failRun(db: Db, runId: string, error: string) {
  const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, runId));
  if (run && (run.status === 'running' || run.status === 'paused')) {
    await finish(db, run, 'failed', error, 0, [run.status]);
  }
}

/**
 * Ends the run. A run ending "done" is checked against its seeds first: when none of them could
 * be crawled it failed, and when some could not, their names stay as the run's and niche's
 * lastError (a warning on a finished niche).
 */
async function finish(
  db: Db,
  run: CrawlRun,
  status: 'done' | 'failed',
  error: string | null,
  sliceMs = 0,
  from: ('running' | 'paused')[] = ['running'],
): Promise<SliceOutcome> {
  if (status === 'done') ({ status, message: error } = seedOutcome(await seedReport(db, run.id)));
  const now = new Date();
  const [finished] = await db
    .update(crawlRuns)
    .set({
      status,
      phase: 'finished',
      finishedAt: now,
      updatedAt: now,
      leaseUntil: null,
      leaseOwner: null,
      activeMs: sql`${crawlRuns.activeMs} + ${sliceMs}`,
      lastError: error ?? sql`${crawlRuns.lastError}`,
    })
    .where(and(eq(crawlRuns.id, run.id), inArray(crawlRuns.status, from)))
    .returning();
  if (!finished) return { kind: 'stopped' };
  const niche = { nicheId: run.nicheId };
  if (status === 'done') await markIdle(db, niche, now, error);
  else await markFailed(db, niche, error ?? 'The crawl failed.', undefined, now);
  return { kind: 'finished', run: finished };
}
