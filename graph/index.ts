/**
 * Murmur graph
 * ============
 *
 * Public entry point: re-exports only. See graph/README.md for what each
 * metric means and where it comes from.
 */
export { buildCsr, type Csr, inDegrees, transferList } from './build/csr.ts';
export { fromGraphology, toGraphology } from './build/graphology.ts';
export { type UndirectedCsr, undirectedView } from './build/undirected.ts';
export * from './cascade/index.ts';
export {
  type AccumulateOptions,
  accumulateBetweenness,
  accumulateBetweennessShared,
  type BetweennessOptions,
  type BetweennessResult,
  type BetweennessScratch,
  betweenness,
  betweennessQuantum,
  betweennessScratch,
  betweennessSources,
  finishBetweenness,
  type OutCsr,
  planBetweenness,
} from './centrality/betweenness.ts';
export { coreness } from './centrality/coreness.ts';
export { type HitsOptions, type HitsResult, hits } from './centrality/hits.ts';
export { type PagerankOptions, type PagerankResult, pagerank } from './centrality/pagerank.ts';
export { type LouvainOptions, type LouvainResult, louvain } from './communities/louvain.ts';
export { modularity } from './communities/modularity.ts';
export { type CommunitySummary, summarizeCommunities } from './communities/summary.ts';
export { GraphError, type GraphErrorCode } from './errors.ts';
export {
  type PlantedGraph,
  type PlantedOptions,
  plantedCommunities,
} from './generate/planted-communities.ts';
export { type EdgeList, type ScaleFreeOptions, scaleFreeDigraph } from './generate/scale-free.ts';
export {
  type AudienceQualityOptions,
  type AudienceQualityResult,
  audienceQuality,
  type ProfileAttributes,
  profileSuspicion,
} from './influence/audience-quality.ts';
export {
  COMPONENTS,
  type ComponentName,
  compositeScore,
  DEFAULT_WEIGHTS,
  type ExclusionReason,
  percentileRanks,
  type ScoreWeights,
  uninformativeComponents,
  withoutComponents,
} from './influence/composite.ts';
export { type Explanation, explain } from './influence/explain.ts';
export {
  type NicheAffinityOptions,
  type NicheAffinityResult,
  nicheAffinity,
} from './influence/niche-affinity.ts';
export { type Rng, type RunOptions, seededRng } from './random.ts';
export { defaultBetweennessSamples, scoreNiche, scoreNicheAsync } from './score-niche.ts';
export type { BetweennessExecutor, NicheInput, NicheScores, ScoreNicheOptions } from './score-niche.types.ts';
export { type Lookalike, type LookalikeOptions, lookalikes } from './spread/lookalikes.ts';
export { audienceOverlap, type OverlapOptions, type OverlapResult } from './spread/overlap.ts';
export { type ReachOptions, type ReachResult, twoHopReach } from './spread/reach.ts';
