/**
 * Murmur graph/score-niche types
 * ==============================
 *
 * The shapes that cross the worker boundary: typed arrays and plain objects
 * only, so `structuredClone` and transfer lists work on them.
 */
import type { OutCsr } from './centrality/betweenness.ts';
import type { HitsOptions } from './centrality/hits.ts';
import type { PagerankOptions } from './centrality/pagerank.ts';
import type { CommunitySummary } from './communities/summary.ts';
import type { AudienceQualityOptions, ProfileAttributes } from './influence/audience-quality.ts';
import type { ComponentName, ExclusionReason, ScoreWeights } from './influence/composite.ts';
import type { NicheAffinityOptions } from './influence/niche-affinity.ts';
import type { Rng } from './random.ts';
import type { ReachOptions } from './spread/reach.ts';

export type NicheInput = {
  nodeCount: number;
  /** Edge i: sources[i] follows targets[i]. */
  sources: Int32Array;
  targets: Int32Array;
  /** Follower count the platform reports, NaN = unknown. */
  platformFollowers?: Float64Array;
  profile?: ProfileAttributes;
  /** 1 = member of the niche audience (e.g. seed followers); absent = every account. */
  audience?: Uint8Array;
};

export type ScoreNicheOptions = {
  weights?: Partial<Record<ComponentName, number>>;
  rng?: Rng;
  /** Sources sampled for betweenness on graphs too large for exact Brandes (default: 256, fewer above 1M follows; see defaultBetweennessSamples). */
  betweennessSamples?: number;
  onProgress?: (phase: string, fraction: number) => void;
  signal?: AbortSignal;
  pagerank?: Omit<PagerankOptions, 'onProgress' | 'signal'>;
  hits?: Omit<HitsOptions, 'onProgress' | 'signal'>;
  reach?: Omit<ReachOptions, 'onProgress' | 'signal'>;
  louvain?: { resolution?: number; engine?: 'csr' | 'graphology' };
  nicheAffinity?: Pick<NicheAffinityOptions, 'priorStrength'>;
  audienceQuality?: AudienceQualityOptions;
  topNodesPerCommunity?: number;
};

export type NicheScores = {
  nodeCount: number;
  edgeCount: number;
  selfLoops: number;
  duplicateEdges: number;
  inDegree: Float64Array;
  platformFollowers: Float64Array;
  reach: Float64Array;
  reachIsEstimate: Uint8Array;
  reachStandardError: number;
  pagerank: Float64Array;
  hubs: Float64Array;
  authorities: Float64Array;
  betweenness: Float64Array;
  betweennessExact: boolean;
  betweennessSources: number;
  coreness: Int32Array;
  community: Int32Array;
  nicheFollowers: Float64Array;
  nicheAffinity: Float64Array;
  nicheBaseline: number;
  audienceQuality: Float64Array;
  inauthenticFollowers: Float64Array;
  /** Opinion-leader score, 0..100. */
  score: Float64Array;
  components: ComponentName[];
  /** The weights the score used: configured ones, with `excluded` components at 0. */
  weights: ScoreWeights;
  /** Components left out of this niche's score, and why (no data, or the same for every account). */
  excluded: Partial<Record<ComponentName, ExclusionReason>>;
  percentiles: Record<ComponentName, Float64Array>;
  /** Largest communities first, at most 100. */
  communities: CommunitySummary[];
  communityCount: number;
  modularity: number;
  convergence: {
    pagerank: { iterations: number; converged: boolean };
    hits: { iterations: number; converged: boolean };
  };
  /** Milliseconds per phase, plus `total`. */
  timings: Record<string, number>;
};

/**
 * Runs sampled-betweenness work on other threads. It receives the out-edges
 * of the CSR, the planned sources and a shared counter; each of its threads
 * should call `accumulateBetweennessShared(csr, sources, counter, chunkSize,
 * partial)` with its own `partial` and the promise resolves with every
 * thread's `partial` array, in thread order.
 */
export type BetweennessExecutor = (task: {
  csr: OutCsr;
  sources: Int32Array;
  counter: Int32Array;
  chunkSize: number;
}) => Promise<Float64Array[]>;
