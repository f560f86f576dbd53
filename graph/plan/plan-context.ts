/**
 * Murmur graph/plan/plan-context
 * ==============================
 *
 * What IMM and OPIM-C share while planning, and what each hands back to
 * planSeeds: the selection RR sets, the greedy choice, its coverage of an
 * independent collection (by pick), the certificate and the phase times.
 */
import type { Certificate } from './certify.ts';
import type { CoverageSelection } from './coverage-greedy.ts';
import type { RRCollection } from './plan.types.ts';
import type { ResolvedPlan } from './plan-options.ts';
import type { SampleRun } from './plan-sampling.ts';

export type PlanContext = {
  run: SampleRun;
  plan: ResolvedPlan;
  /** Factor of the selection: 1 − 1/e for k accounts, ½(1 − 1/e) for a budget. */
  gamma: number;
  /** Log of the number of candidate sets (IMM's ln C(n, k)). */
  logSets: number;
  select: (rr: RRCollection, bound: boolean) => CoverageSelection;
};

export type PlanOutcome = {
  chosen: CoverageSelection;
  selectionSets: number;
  estimationSets: number;
  /** Validation coverage by rank (fixed first, then picks). */
  counts: Float64Array;
  validationSets: number;
  certificate: Certificate;
  capped: boolean;
  averageSize: number;
  timings: { estimate: number; sample: number; select: number; validate: number };
};

/** Rank order of the chosen set: fixed accounts, then picks. */
export function chosenOrder(plan: ResolvedPlan, chosen: CoverageSelection): number[] {
  return [...plan.fixed, ...chosen.picks];
}
