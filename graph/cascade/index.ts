/**
 * Murmur graph/cascade
 * ====================
 *
 * Word-of-mouth cascades of one post: reconstruct who reshared from whom,
 * measure the tree (size, depth, breadth, structural virality, time to half,
 * word-of-mouth share), count earned reach, and simulate spreads for tests
 * and benchmarks. Re-exports only.
 */
export type {
  AccountId,
  Attribution,
  Cascade,
  CascadeMetrics,
  CascadeMetricsOptions,
  CascadeRoot,
  CascadeTree,
  EarnedReach,
  EarnedReachInput,
  EarnedReachOptions,
  EarnedReachUnion,
  FollowingLookup,
  FollowsPredicate,
  IndependentCascadeOptions,
  ReachPost,
  ReconstructInput,
  ReconstructOptions,
  ReshareInput,
  SharerAudience,
  SimulatedCascade,
} from './cascade.types.ts';
export { EARNED_REACH_DEFAULTS, earnedReach } from './earned-reach.ts';
export { earnedReachUnion } from './earned-reach-union.ts';
export { INDEPENDENT_CASCADE_DEFAULTS, simulateIndependentCascade } from './independent-cascade.ts';
export { RECONSTRUCT_DEFAULTS, reconstructCascade } from './reconstruct.ts';
export { structuralVirality, wienerIndex } from './structural-virality.ts';
export { cascadeMetrics } from './tree-metrics.ts';
