import { Worker } from 'node:worker_threads';
import { computePlan, type PlanReply, type PlanRequest, type PlanWorkerProgress } from './plan-compute.ts';
import { PlanError } from './plans.errors.ts';

const workerUrl = new URL('./plan.worker-entry.js', import.meta.url);

/** The planner's own refusals, as the plan's error codes; anything else fails the plan with its message. */
const engineCodes: Record<string, 'no_eligible_accounts' | 'budget_below_fees'> = {
  'no-eligible-accounts': 'no_eligible_accounts',
  'budget-below-fees': 'budget_below_fees',
};

/**
 * Below this many follows a plan takes milliseconds: computing it here costs less than starting
 * a worker thread (which compiles the planner first, seconds on a busy machine).
 */
export const INLINE_MAX_EDGES = 5000;

/** Computes a plan in a worker thread (see plan.worker.ts), reporting progress from 0 to 1. */
export function planInWorker(
  request: PlanRequest,
  onProgress?: (phase: string, fraction: number) => void,
): Promise<Extract<PlanReply, { ok: true }>> {
  if (request.sources.length < INLINE_MAX_EDGES)
    return Promise.resolve(request)
      .then((r) => computePlan(r, onProgress))
      .catch((error: Error & { code?: string }) => {
        throw engineError({ message: error.message, code: error.code });
      });
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    worker.on('message', (message: PlanReply | PlanWorkerProgress) => {
      if ('progress' in message) {
        onProgress?.(message.progress.phase, message.progress.fraction);
        return;
      }
      worker.terminate();
      if (message.ok) resolve(message);
      else reject(engineError(message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`planning worker exited with code ${code}`));
    });
    const buffers = [request.sources, request.targets].map((a) => a.buffer as ArrayBuffer);
    worker.postMessage(request, [...new Set(buffers)]);
  });
}

/** The planner's refusal as the plan's error: its code mapped, its module prefix dropped. */
function engineError(failure: { message: string; code?: string }) {
  const code = (failure.code && engineCodes[failure.code]) || 'plan_failed';
  return new PlanError(
    code,
    `Planning failed: ${failure.message.replace(/^murmur\/graph\/plan\/[\w-]+: /, '')}`,
  );
}
