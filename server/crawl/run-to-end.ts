/**
 * Drives one crawl run, slice after slice, in this process. The crawl job runs one slice per
 * job (`slices: 1`) and queues the next, so other runs and restarts get their turn; the CLI runs
 * every slice here until the crawl ends, with no queue at all.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CrawlRun, crawlRuns } from '../db/schema/index.ts';
import { type CrawlRuntime, runSlice, type SliceOutcome } from './crawler.ts';

export type RunToEndOptions = {
  /** Slices to run at most; the crawl job runs one. */
  slices?: number;
  /** Called with the run's row after every slice (progress lines). */
  onSlice?: (run: CrawlRun) => void;
  /** How to wait when a host asked for a pause. */
  sleep?: (ms: number) => Promise<void>;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs slices until the run finishes or stops (or `slices` are spent); returns the last outcome and row. */
export async function runCrawlToEnd(
  db: Db,
  runtime: CrawlRuntime,
  runId: string,
  { slices = Number.POSITIVE_INFINITY, onSlice, sleep = realSleep }: RunToEndOptions = {},
): Promise<{ outcome: SliceOutcome; run: CrawlRun }> {
  for (let slice = 1; ; slice++) {
    const outcome = await runSlice(db, runtime, runId);
    const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, runId));
    onSlice?.(run);
    const ended = outcome.kind === 'finished' || outcome.kind === 'stopped';
    if (ended || slice >= slices) return { outcome, run };
    if (outcome.kind === 'wait') await sleep(outcome.seconds * 1000);
  }
}
