/** Worker-thread entry: scores one niche off the main thread and sends the typed arrays back. */
import { parentPort } from 'node:worker_threads';
import { type NicheInput, type NicheScores, scoreNiche, seededRng } from '../../graph/index.ts';

export type ScoreRequest = { input: NicheInput; seed: number; weights?: Record<string, number> };
export type ScoreReply = { ok: true; scores: NicheScores } | { ok: false; message: string; code?: string };

parentPort?.once('message', (request: ScoreRequest) => {
  try {
    const scores = scoreNiche(request.input, {
      rng: seededRng(request.seed),
      weights: request.weights,
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
  }
});
