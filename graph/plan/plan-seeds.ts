import type { InfluenceGraph, PlanOptions, PlanResult } from './plan.types.ts';

export const PLAN_DEFAULTS = { epsilon: 0.1, ell: 1, seed: 1, maxRRSets: 20_000_000 };

export async function planSeeds(_graph: InfluenceGraph, _options: PlanOptions): Promise<PlanResult> {
  throw new Error('not yet');
}
