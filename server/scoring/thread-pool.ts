/**
 * Betweenness helper threads for a scoring worker: each one steals chunks of
 * sources from the shared counter until none is left and sends back its own
 * partial sums (see graph/score-niche.ts). They are started by the scoring
 * worker itself, so the HTTP thread never waits on either of them.
 */
import { Worker } from 'node:worker_threads';
import type { BetweennessExecutor } from '../../graph/index.ts';

export type BetweennessPool = { betweenness: BetweennessExecutor; close: () => Promise<void> };

const entryUrl = new URL('./score.worker-entry.js', import.meta.url);

export function createBetweennessPool(size: number): BetweennessPool {
  const workers = Array.from(
    { length: size },
    (_, i) => new Worker(entryUrl, { workerData: { role: 'betweenness', rank: i + 1 } }),
  );
  const run = (worker: Worker, task: Parameters<BetweennessExecutor>[0]) =>
    new Promise<Float64Array>((resolve, reject) => {
      const onMessage = (partial: Float64Array) => {
        worker.off('error', onError);
        resolve(partial);
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(task);
    });
  return {
    // Resolves in thread order, which is the order the caller sums in.
    betweenness: (task) => Promise.all(workers.map((worker) => run(worker, task))),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
