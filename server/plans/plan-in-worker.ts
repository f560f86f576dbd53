import { Worker } from 'node:worker_threads';
import type { PlanReply, PlanRequest, PlanWorkerProgress } from './plan.worker.ts';
import { PlanError } from './plans.errors.ts';

const workerUrl = new URL('./plan.worker-entry.js', import.meta.url);

/** The planner's own refusals, as the plan's error codes; anything else fails the plan with its message. */
const engineCodes: Record<string, 'no_eligible_accounts' | 'budget_below_fees'> = {
  'no-eligible-accounts': 'no_eligible_accounts',
  'budget-below-fees': 'budget_below_fees',
};

/** Computes a plan in a worker thread (see plan.worker.ts), reporting progress from 0 to 1. */
export function planInWorker(
  request: PlanRequest,
  onProgress?: (phase: string, fraction: number) => void,
): Promise<Extract<PlanReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    worker.on('message', (message: PlanReply | PlanWorkerProgress) => {
      if ('progress' in message) {
        onProgress?.(message.progress.phase, message.progress.fraction);
        return;
      }
      worker.terminate();
      if (message.ok) resolve(message);
      else {
        const code = (message.code && engineCodes[message.code]) || 'plan_failed';
        reject(
          new PlanError(
            code,
            `Planning failed: ${message.message.replace(/^murmur\/graph\/plan\/[\w-]+: /, '')}`,
          ),
        );
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`planning worker exited with code ${code}`));
    });
    const buffers = [request.sources, request.targets].map((a) => a.buffer as ArrayBuffer);
    worker.postMessage(request, [...new Set(buffers)]);
  });
}
