/**
 * Which of a run's seeds (handles to resolve, keywords to search) failed, and why. A crawl whose
 * every seed failed found nothing to crawl: it is a failed crawl, not a "done" one with zero
 * accounts; one where some failed is done, with a warning naming them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { crawlTasks } from '../db/schema/index.ts';

export type SeedReport = { total: number; failed: string[] };

export async function seedReport(db: Db, runId: string): Promise<SeedReport> {
  const seeds = await db
    .select({
      kind: crawlTasks.kind,
      arg: crawlTasks.arg,
      status: crawlTasks.status,
      error: crawlTasks.lastError,
    })
    .from(crawlTasks)
    .where(and(eq(crawlTasks.runId, runId), inArray(crawlTasks.kind, ['seed', 'search'])))
    .orderBy(crawlTasks.id);
  const failed = seeds
    .filter((s) => s.status === 'failed')
    .map((s) => {
      // A task's lastError keeps one line per attempt: the last one says why it gave up.
      const reason = (s.error ?? 'failed').split('\n').at(-1);
      return `${s.kind === 'search' ? `keyword "${s.arg}"` : s.arg} (${reason})`;
    });
  return { total: seeds.length, failed };
}

/** The run's end as status and message: null when every seed worked. */
export function seedOutcome(report: SeedReport): { status: 'done' | 'failed'; message: string | null } {
  if (report.failed.length === 0) return { status: 'done', message: null };
  if (report.failed.length === report.total)
    return { status: 'failed', message: `No seed could be crawled: ${report.failed.join('; ')}.` };
  return {
    status: 'done',
    message: `${report.failed.length} of ${report.total} seeds failed: ${report.failed.join('; ')}.`,
  };
}
