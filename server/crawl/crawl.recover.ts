import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { crawlRuns } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { nichesIn } from '../niches/niche-status.ts';
import { enqueueScoring } from '../scoring/scoring.service.ts';
import { enqueueSlice } from './crawl.service.ts';

/**
 * At start: queue a slice for every crawl that should be running and has no live lease. On the
 * embedded database this process is the only one, so every lease left behind is a dead one.
 */
export async function resumeInterruptedWork(database: Database, queue: Queue) {
  const { db } = database;
  if (database.kind === 'pglite') {
    await db
      .update(crawlRuns)
      .set({ leaseUntil: null, leaseOwner: null })
      .where(eq(crawlRuns.status, 'running'));
    const stuck = await nichesIn(db, ['scoring']);
    for (const n of stuck) await enqueueScoring(db, queue, { nicheId: n.id, workspaceId: n.workspaceId });
  }
  // Every running crawl gets a slice queued for when its lease runs out: a live holder renews
  // the lease and the slice finds it busy; a dead one's crawl is picked up here.
  const runs = await db
    .select({ id: crawlRuns.id, leaseUntil: crawlRuns.leaseUntil })
    .from(crawlRuns)
    .where(eq(crawlRuns.status, 'running'));
  for (const run of runs) {
    const wait = run.leaseUntil
      ? Math.max(0, Math.ceil((run.leaseUntil.getTime() - Date.now()) / 1000) + 1)
      : 0;
    await enqueueSlice(queue, run.id, wait);
  }
  return runs.length;
}
