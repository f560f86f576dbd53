import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NicheInput, NicheScores } from '../../graph/index.ts';
import type { ScoreReply, ScoreRequest } from './score.worker.ts';
import { ScoringError } from './scoring.errors.ts';

const workerUrl = new URL('./score.worker-entry.js', import.meta.url);

/**
 * Threads to score on: one per core, at most 4, for a graph big enough that sampled betweenness
 * takes long (250,000 follows and up: around half a second or more); below that a helper costs
 * more to start than it saves. Whether a helper pays is then decided while it runs: one that
 * finds the process without a core for it stops claiming work (fair-share.ts). The 1-minute
 * load average this used to go by lags by minutes: a scoring right after another one ran on one
 * thread on an idle machine.
 */
export function scoringThreads(edgeCount: number, cores = availableParallelism()): number {
  if (edgeCount < HELPER_MIN_EDGES) return 1;
  return Math.max(1, Math.min(4, cores));
}

const HELPER_MIN_EDGES = 250_000;

/**
 * Scores a niche in a worker thread, so the server keeps answering requests while a
 * million-edge graph is scored. That worker computes betweenness together with
 * `threads - 1` helper threads (default: see scoringThreads) while it runs the
 * other metrics; the scores are the same bits for any thread count. The worker
 * loads TypeScript through tsx.
 */
export function scoreInWorker(
  input: NicheInput,
  options: {
    seed: number;
    weights?: Record<string, number>;
    threads?: number;
    onProgress?: (phase: string, fraction: number) => void;
  },
): Promise<NicheScores> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    worker.on('message', (message: ScoreReply | { progress: { phase: string; fraction: number } }) => {
      if ('progress' in message) {
        options.onProgress?.(message.progress.phase, message.progress.fraction);
        return;
      }
      worker.terminate();
      if (message.ok) resolve(message.scores);
      else reject(new ScoringError('scoring_failed', `Scoring failed: ${message.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`scoring worker exited with code ${code}`));
    });
    const threads = options.threads ?? scoringThreads(input.sources.length);
    const request: ScoreRequest = { input, seed: options.seed, weights: options.weights, threads };
    const buffers = [input.sources, input.targets, input.platformFollowers, input.audience]
      .filter((a): a is Int32Array => !!a)
      .map((a) => a.buffer as ArrayBuffer);
    worker.postMessage(request, [...new Set(buffers)]);
  });
}
