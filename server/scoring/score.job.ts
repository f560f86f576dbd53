import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { niches } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import { publicErrorText } from '../lib/error-text.ts';
import { loadNicheGraph } from './load-graph.ts';
import { scoreInWorker } from './run-in-worker.ts';
import { saveSnapshot } from './save-snapshot.ts';

export type ScoreJobData = { nicheId: string; workspaceId: string };

/**
 * Scores a niche now: loads its graph, runs the engine in a worker thread, stores a new
 * snapshot and marks the niche ready. A failure is recorded on the niche for the user to see.
 */
export async function scoreNicheNow(
  db: Db,
  target: ScoreJobData,
  options: { now?: Date; onProgress?: (phase: string, fraction: number) => void } = {},
): Promise<{ snapshotId: string; nodeCount: number; edgeCount: number; ms: number }> {
  const started = performance.now();
  const where = and(eq(niches.id, target.nicheId), eq(niches.workspaceId, target.workspaceId));
  await db.update(niches).set({ status: 'scoring', lastError: null, updatedAt: new Date() }).where(where);
  let failure: unknown;
  try {
    const { input, accountIds } = await loadNicheGraph(db, target.nicheId, options.now ?? new Date());
    const scores = await scoreInWorker(input, { seed: 1, onProgress: options.onProgress });
    const snapshotId = await saveSnapshot(db, target, accountIds, scores);
    await db.update(niches).set({ status: 'ready', updatedAt: new Date() }).where(where);
    return {
      snapshotId,
      nodeCount: scores.nodeCount,
      edgeCount: scores.edgeCount,
      ms: performance.now() - started,
    };
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    // Whatever went wrong, the niche must not stay "scoring": the text is cleaned so that
    // recording it cannot fail in turn.
    if (failure !== undefined) {
      await db
        .update(niches)
        .set({ status: 'failed', lastError: publicErrorText(failure), updatedAt: new Date() })
        .where(where);
    }
  }
}

/** Marks the niche as waiting for scoring and queues it; a second request while one is queued is absorbed. */
export async function enqueueScoring(db: Db, queue: Queue, target: ScoreJobData) {
  await db
    .update(niches)
    .set({ status: 'scoring', lastError: null, updatedAt: new Date() })
    .where(and(eq(niches.id, target.nicheId), eq(niches.workspaceId, target.workspaceId)));
  await queue.send(scoreJob.name, target, { singletonKey: target.nicheId, retryLimit: 1 });
}

export const scoreJob = defineJob<ScoreJobData>({
  name: 'score-niche',
  policy: 'short',
  options: { pollingIntervalSeconds: 1 },
  async run(data, deps) {
    await scoreNicheNow(deps.database.db, data);
  },
  // scoreNicheNow records its own failures; this covers the job failing around it.
  async failed(data, deps, message) {
    await deps.database.db
      .update(niches)
      .set({ status: 'failed', lastError: message, updatedAt: new Date() })
      .where(
        and(
          eq(niches.id, data.nicheId),
          eq(niches.workspaceId, data.workspaceId),
          eq(niches.status, 'scoring'),
        ),
      );
  },
});
