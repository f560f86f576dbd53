/**
 * Murmur graph/plan
 * =================
 *
 * Campaign planning: which accounts to sign so a post reaches the most
 * people. Re-exports only; see graph/README.md ("Planning").
 */
export { estimateSpread, rankingBaseline, spreadCurve } from './baselines.ts';
export { learnedCascade } from './learned-cascade.ts';
export { PlanError, type PlanErrorCode } from './plan.errors.ts';
export type {
  BaselineOptions,
  BaselineResult,
  CurveOptions,
  CurvePoint,
  InfluenceGraph,
  InfluenceModel,
  PlanAlgorithm,
  PlanExecutor,
  PlanGuarantee,
  PlanOptions,
  PlanPhase,
  PlanPick,
  PlanProgress,
  PlanResult,
  PropagationAction,
  RRCollection,
  SimulateOptions,
  SpreadEstimate,
} from './plan.types.ts';
export { localExecutor } from './plan-sampling.ts';
export { PLAN_DEFAULTS, planSeeds } from './plan-seeds.ts';
export {
  appendRRSets,
  countCoveredRRSets,
  coverageByRank,
  emptyRRCollection,
  rrTransferList,
  sampleRRSets,
} from './rr-sets.ts';
export { simulateSpread } from './simulate.ts';
export { influenceTransferList, uniformCascade, weightedCascade } from './weighted-cascade.ts';
