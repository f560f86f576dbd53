/**
 * Worker-thread entry, in one of two roles. The scoring worker scores one niche
 * off the HTTP thread and sends the typed arrays back; it starts `threads - 1`
 * betweenness helpers (this same file, role 'betweenness') that share the
 * sampled sources with it, so a niche is scored on every core it was given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  accumulateBetweennessShared,
  type BetweennessExecutor,
  type NicheInput,
  type NicheScores,
  scoreNicheAsync,
  seededRng,
} from '../../graph/index.ts';
import { fairShare } from './fair-share.ts';
import { createBetweennessPool } from './thread-pool.ts';

export type ScoreRequest = {
  input: NicheInput;
  seed: number;
  weights?: Record<string, number>;
  /** Threads to score on, this one included (1 = single-threaded). */
  threads: number;
};
export type ScoreReply = { ok: true; scores: NicheScores } | { ok: false; message: string; code?: string };
type BetweennessTask = Parameters<BetweennessExecutor>[0];

async function score(request: ScoreRequest): Promise<void> {
  const pool = request.threads > 1 ? createBetweennessPool(request.threads - 1) : undefined;
  try {
    const scores = await scoreNicheAsync(request.input, {
      rng: seededRng(request.seed),
      weights: request.weights,
      executor: pool?.betweenness,
      onProgress: (phase, fraction) => parentPort?.postMessage({ progress: { phase, fraction } }),
    });
    const buffers = Object.values(scores)
      .concat(Object.values(scores.percentiles))
      .filter((v): v is Float64Array => ArrayBuffer.isView(v))
      .map((v) => v.buffer as ArrayBuffer);
    parentPort?.postMessage({ ok: true, scores } satisfies ScoreReply, [...new Set(buffers)]);
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort?.postMessage({ ok: false, message: e.message, code: e.code } satisfies ScoreReply);
  } finally {
    await pool?.close();
  }
}

const role = workerData as { role?: string; rank?: number } | undefined;
if (role?.role === 'betweenness') {
  parentPort?.on('message', (task: BetweennessTask) => {
    const partial = new Float64Array(task.csr.nodeCount);
    // Stops claiming once the process no longer gets a core for this thread (fair-share.ts).
    const keepClaiming = fairShare({ rank: role.rank ?? 1 });
    accumulateBetweennessShared(task.csr, task.sources, task.counter, task.chunkSize, partial, {
      keepClaiming,
    });
    parentPort?.postMessage(partial, [partial.buffer]);
  });
} else {
  parentPort?.once('message', (request: ScoreRequest) => {
    void score(request);
  });
}
