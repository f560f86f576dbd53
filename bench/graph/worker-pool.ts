/**
 * A worker_threads executor for `scoreNicheAsync`: each worker claims
 * betweenness source chunks from the shared counter until none is left and
 * returns its partial sums. The library stays free of threads; this file is
 * the reference for the server's own worker pool.
 */
import { Worker } from 'node:worker_threads';
import type { BetweennessExecutor } from '../../graph/index.ts';

export type WorkerPool = { betweenness: BetweennessExecutor; close: () => Promise<void> };

const WORKER_URL = new URL('./betweenness.worker.ts', import.meta.url);

export function createWorkerPool(size: number): WorkerPool {
  // The worker is TypeScript like the rest of the repo: register tsx in it first.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  const workers = Array.from(
    { length: size },
    (_, i) => new Worker(boot, { eval: true, workerData: { rank: i + 1 } }),
  );
  const betweenness: BetweennessExecutor = (task) =>
    Promise.all(
      workers.map(
        (worker) =>
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
          }),
      ),
    );
  return {
    betweenness,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
