/** Starting, pausing, resuming and cancelling crawls. The run row is the truth; jobs only do the work. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { crawlRuns, crawlTasks } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { markCrawling, markIdle, markPaused } from '../niches/niche-status.ts';
import { NicheError } from '../niches/niches.errors.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { CrawlStateError } from './crawl.errors.ts';

type Target = { nicheId: string; workspaceId: string };

export const crawlJobName = 'crawl-slice';

export async function enqueueSlice(queue: Queue, runId: string, startAfterSeconds = 0) {
  await queue.send(
    crawlJobName,
    { runId },
    {
      singletonKey: runId,
      startAfter: startAfterSeconds,
      retryLimit: 100,
      retryDelay: 5,
      expireInSeconds: 120,
    },
  );
}

/**
 * Creates a run with its first tasks (resolve each seed, search each keyword) and queues it;
 * with no queue (the CLI) the caller runs it itself with `runCrawlToEnd`.
 */
export async function startCrawl(db: Db, queue: Queue | null, target: Target, now: Date) {
  const niche = await requireNiche(db, target.workspaceId, target.nicheId);
  if (niche.platform === 'file') {
    throw new NicheError('not_crawlable', 'An imported niche is not crawled: import a new file instead.');
  }
  const run = await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from niches where id = ${niche.id} for update`);
    const [active] = await tx
      .select({ id: crawlRuns.id })
      .from(crawlRuns)
      .where(and(eq(crawlRuns.nicheId, niche.id), inArray(crawlRuns.status, ['running', 'paused'])));
    if (active)
      throw new CrawlStateError(
        'already_running',
        'This niche is already being crawled: pause, resume or cancel that crawl.',
      );
    const [created] = await tx
      .insert(crawlRuns)
      .values({
        nicheId: niche.id,
        workspaceId: niche.workspaceId,
        budget: niche.budget,
        startedAt: now,
        updatedAt: now,
      })
      .returning();
    const tasks = [
      ...niche.seeds.map((arg) => ({ runId: created.id, kind: 'seed' as const, arg })),
      ...niche.keywords.map((arg) => ({ runId: created.id, kind: 'search' as const, arg })),
    ];
    if (tasks.length) await tx.insert(crawlTasks).values(tasks);
    await markCrawling(tx, { nicheId: niche.id }, now);
    return created;
  });
  if (queue) await enqueueSlice(queue, run.id);
  return run;
}

async function setStatus(
  db: Db,
  target: Target,
  from: 'running' | 'paused' | ('running' | 'paused')[],
  to: 'running' | 'paused' | 'cancelled',
  now: Date,
) {
  await requireNiche(db, target.workspaceId, target.nicheId);
  const froms = Array.isArray(from) ? from : [from];
  const [run] = await db
    .update(crawlRuns)
    .set({ status: to, updatedAt: now, ...(to === 'cancelled' ? { finishedAt: now, leaseUntil: null } : {}) })
    .where(and(eq(crawlRuns.nicheId, target.nicheId), inArray(crawlRuns.status, froms)))
    .returning();
  if (!run) {
    const message =
      to === 'running' ? 'There is no paused crawl to resume.' : 'There is no crawl in progress.';
    throw new CrawlStateError(to === 'running' ? 'not_paused' : 'not_running', message);
  }
  const mark = to === 'running' ? markCrawling : to === 'paused' ? markPaused : markIdle;
  await mark(db, target, now);
  return run;
}

export const pauseCrawl = (db: Db, target: Target, now: Date) =>
  setStatus(db, target, 'running', 'paused', now);

export async function resumeCrawl(db: Db, queue: Queue, target: Target, now: Date) {
  const run = await setStatus(db, target, 'paused', 'running', now);
  await enqueueSlice(queue, run.id);
  return run;
}

/** Stops the crawl; everything collected so far stays and can be scored. */
export const cancelCrawl = (db: Db, target: Target, now: Date) =>
  setStatus(db, target, ['running', 'paused'], 'cancelled', now);
