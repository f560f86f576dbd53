import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CrawlRun, crawlRuns } from '../db/schema/index.ts';

/** A niche's most recent crawl, or null if it was never crawled. */
export async function latestRun(db: Db, nicheId: string) {
  const [run] = await db
    .select()
    .from(crawlRuns)
    .where(eq(crawlRuns.nicheId, nicheId))
    .orderBy(desc(crawlRuns.startedAt))
    .limit(1);
  return run ?? null;
}

export type CrawlProgress = {
  runId: string;
  status: CrawlRun['status'];
  phase: string;
  requests: number;
  accounts: number;
  edges: number;
  errors: number;
  retries: number;
  rateLimited: number;
  budget: CrawlRun['budget'];
  startedAt: Date;
  finishedAt: Date | null;
  activeMs: number;
  /** Requests per minute over the active time. */
  ratePerMinute: number;
  /** Share of the tightest budget used, 0..1. */
  fraction: number;
  /** Seconds until the tightest budget is spent at the current rate; null when unknown or done. */
  etaSeconds: number | null;
  lastError: string | null;
};

/** What the progress bar shows; derived from the run's counters only, so any process can answer. */
export function crawlProgress(run: CrawlRun, now: Date): CrawlProgress {
  const liveMs =
    run.status === 'running' && run.leaseUntil && run.leaseUntil > now
      ? now.getTime() - run.updatedAt.getTime()
      : 0;
  const activeMs = run.activeMs + Math.max(0, liveMs);
  const minutes = activeMs / 60_000;
  const ratePerMinute = minutes > 0 ? run.requests / minutes : 0;
  const shares = [
    run.requests / run.budget.maxRequests,
    run.accounts / run.budget.maxAccounts,
    minutes / run.budget.maxMinutes,
  ];
  const done = run.status === 'done' || run.status === 'cancelled' || run.status === 'failed';
  const fraction = done ? 1 : Math.min(1, Math.max(...shares));
  const etaSeconds =
    done || fraction <= 0 || activeMs < 2000
      ? null
      : Math.round(((activeMs / fraction) * (1 - fraction)) / 1000);
  return {
    runId: run.id,
    status: run.status,
    phase: run.phase,
    requests: run.requests,
    accounts: run.accounts,
    edges: run.edges,
    errors: run.errors,
    retries: run.retries,
    rateLimited: run.rateLimited,
    budget: run.budget,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    activeMs,
    ratePerMinute: Math.round(ratePerMinute * 10) / 10,
    fraction,
    etaSeconds,
    lastError: run.lastError,
  };
}
