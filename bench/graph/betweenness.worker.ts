/** Worker side of worker-pool.ts: one message = one shared betweenness task. */
import { parentPort } from 'node:worker_threads';
import { accumulateBetweennessShared, type OutCsr } from '../../graph/index.ts';

type Task = { csr: OutCsr; sources: Int32Array; counter: Int32Array; chunkSize: number };

parentPort!.on('message', (task: Task) => {
  const partial = new Float64Array(task.csr.nodeCount);
  accumulateBetweennessShared(task.csr, task.sources, task.counter, task.chunkSize, partial);
  parentPort!.postMessage(partial, [partial.buffer]);
});
