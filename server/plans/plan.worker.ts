/**
 * Worker-thread side of a plan (see plan-compute.ts): computes off the HTTP thread so a large
 * niche does not stall the server, and sends progress as it goes.
 */
import { parentPort } from 'node:worker_threads';
import { computePlan, type PlanReply, type PlanRequest, type PlanWorkerProgress } from './plan-compute.ts';

parentPort?.once('message', (request: PlanRequest) => {
  // A synchronous throw (bad graph) must answer like a rejected plan, not kill the thread.
  Promise.resolve(request)
    .then((r) =>
      computePlan(r, (phase, fraction) =>
        parentPort?.postMessage({ progress: { phase, fraction } } satisfies PlanWorkerProgress),
      ),
    )
    .then(
      (reply) => parentPort?.postMessage(reply satisfies PlanReply),
      (error: Error & { code?: string }) =>
        parentPort?.postMessage({ ok: false, message: error.message, code: error.code } satisfies PlanReply),
    );
});
