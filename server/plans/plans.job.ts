import { defineJob } from '../jobs/registry.ts';
import { failPlan, runPlanNow } from './plan-run.ts';
import { planJobName } from './plans.service.ts';

export const planJob = defineJob<{ planId: string }>({
  name: planJobName,
  policy: 'short',
  options: { pollingIntervalSeconds: 1 },
  async run(data, deps) {
    await runPlanNow(deps.database.db, data.planId);
  },
  async failed(data, deps, message) {
    // runPlanNow puts a plan it may retry back in the queue; only one it could not even claim stays here.
    await failPlan(deps.database.db, data.planId, message).catch(() => {});
  },
});
