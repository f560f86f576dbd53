/** Worker side of worker-pool.ts: one message = one shared betweenness task. */
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateBetweennessShared, type OutCsr } from '../../graph/index.ts';
import { fairShare } from '../../server/scoring/fair-share.ts';

type Task = { csr: OutCsr; sources: Int32Array; counter: Int32Array; chunkSize: number };

parentPort!.on('message', (task: Task) => {
  const partial = new Float64Array(task.csr.nodeCount);
  // As the server's helpers do: stop claiming once the process has no core for this thread.
  const keepClaiming = fairShare({ rank: (workerData as { rank: number }).rank });
  accumulateBetweennessShared(task.csr, task.sources, task.counter, task.chunkSize, partial, {
    keepClaiming,
  });
  parentPort!.postMessage(partial, [partial.buffer]);
});
