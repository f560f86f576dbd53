/**
 * Scoring a niche: now (the CLI, the job) or queued (after a crawl or import, or on request).
 * The job in score.job.ts only runs scoreNicheNow; everything else calls this file.
 */
import { scoreNicheAsync, seededRng } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import type { Queue } from '../jobs/queue.ts';
import { publicErrorText } from '../lib/error-text.ts';
import { markFailed, markReady, markScoring } from '../niches/niche-status.ts';
import { scoreInWorker } from './run-in-worker.ts';
import { saveSnapshot } from './save-snapshot.ts';
import { loadScoringInput } from './scoring-input.ts';

export type ScoreTarget = { nicheId: string; workspaceId: string };

export const scoreJobName = 'score-niche';

/**
 * Below this many follows a niche scores in milliseconds, less than starting a thread costs, so it
 * scores here; the scores are the same bits either way (same engine, same seed).
 */
export const inProcessEdgeLimit = 5_000;

/**
 * Scores a niche now: loads its graph, runs the engine (in a worker thread unless the graph is
 * small), stores a new snapshot and marks the niche ready. A failure is recorded on the niche for the user to see.
 */
export async function scoreNicheNow(
  db: Db,
  target: ScoreTarget,
  options: { now?: Date; onProgress?: (phase: string, fraction: number) => void } = {},
): Promise<{ snapshotId: string; nodeCount: number; edgeCount: number; ms: number }> {
  const started = performance.now();
  await markScoring(db, target);
  let failure: unknown;
  try {
    const { input, accountIds } = await loadScoringInput(db, target.nicheId, options.now ?? new Date());
    const scores =
      input.sources.length < inProcessEdgeLimit
        ? await scoreNicheAsync(input, { rng: seededRng(1), onProgress: options.onProgress })
        : await scoreInWorker(input, { seed: 1, onProgress: options.onProgress });
    const snapshotId = await saveSnapshot(db, target, accountIds, scores);
    await markReady(db, target);
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
    if (failure !== undefined) await markFailed(db, target, publicErrorText(failure));
  }
}

/** Marks the niche as waiting for scoring and queues it; a second request while one is queued is absorbed. */
export async function enqueueScoring(db: Db, queue: Queue, target: ScoreTarget) {
  await markScoring(db, target);
  await queue.send(scoreJobName, target, { singletonKey: target.nicheId, retryLimit: 1 });
}

/** The job failed around scoreNicheNow (which records its own failures): a niche still scoring is failed. */
export const failScoring = (db: Db, target: ScoreTarget, message: string) =>
  markFailed(db, target, message, ['scoring']);
