/**
 * Murmur graph/plan types
 * =======================
 *
 * The shapes of campaign planning (influence maximization). Typed arrays and
 * plain objects only, so an influence graph or a batch of RR sets can be
 * posted to a worker thread with its buffers transferred.
 *
 * Direction: in the follower `Csr`, edge u → v means u follows v. Information
 * flows the other way, from the followed account v to its follower u, so the
 * influence graph's forward lists are the CSR's follower lists and its reverse
 * lists (what RR sampling walks) are the CSR's "follows" lists.
 */

export type InfluenceModel = 'weighted-cascade' | 'uniform' | 'learned';

/** Independent-cascade graph over node indices 0..nodeCount-1, edges in the direction information flows. */
export type InfluenceGraph = {
  nodeCount: number;
  edgeCount: number;
  model: InfluenceModel;
  /** Flow edges out of v (v's followers): `targets[offsets[v] .. offsets[v + 1])`, p = `probabilities[i]`. */
  offsets: Int32Array;
  targets: Int32Array;
  probabilities: Float64Array;
  /** Flow edges into v (accounts v follows): `sources[reverseOffsets[v] .. reverseOffsets[v + 1])`. */
  reverseOffsets: Int32Array;
  sources: Int32Array;
  reverseProbabilities: Float64Array;
  /**
   * True when every edge into v has the same probability (weighted cascade, uniform): RR sampling
   * then skips dead edges geometrically instead of flipping a coin per edge.
   */
  constantPerTarget: boolean;
  /** Learned model only: edges whose probability came from observations, the rest fell back to weighted cascade. */
  learnedEdges?: number;
};

/** One observed action of a cascade (one post and its reshares). */
export type PropagationAction = {
  /** Node index of the account that posted or reshared. */
  account: number;
  /** Node index it reshared from, or null for the original post or when the platform does not say. */
  parentAccount: number | null;
  /** Any monotone time (ms since epoch, sequence number). */
  time: number;
};

/**
 * Random reverse-reachable sets, concatenated: set i is
 * `nodes[offsets[i] .. offsets[i + 1])`. Arrays grow by doubling, so only the
 * first `count + 1` offsets and `offsets[count]` nodes are meaningful.
 */
export type RRCollection = {
  nodeCount: number;
  count: number;
  offsets: Int32Array;
  nodes: Int32Array;
};

export type PlanPhase = 'estimate' | 'sample' | 'select' | 'validate' | 'curve' | 'simulate';

export type PlanProgress = { phase: PlanPhase; done: number; total: number };

/**
 * Where RR sampling runs. The default runs `sampleRRSets` / `countCoveredRRSets` on the calling
 * thread; a caller with a worker pool can split `count` into slices with seeds derived from `seed`
 * and append the slices in order. The plan is then deterministic for a given seed and slicing.
 */
export type PlanExecutor = {
  /** Appends `count` RR sets sampled with `seed` to `into`. */
  sample: (graph: InfluenceGraph, count: number, seed: number, into: RRCollection) => void | Promise<void>;
  /**
   * Samples `count` RR sets with `seed`, stores nothing, and returns `counts[r]` = sets whose
   * lowest-ranked member has rank r (`rank[v]` ≥ 0 for the seed set in pick order, −1 elsewhere).
   */
  coverageByRank: (
    graph: InfluenceGraph,
    count: number,
    seed: number,
    rank: Int32Array,
    picks: number,
  ) => Float64Array | Promise<Float64Array>;
};

/** 'imm': IMM's worst-case θ (Tang et al. 2015); 'opim-c': doubling until certified (Tang et al. 2018). */
export type PlanAlgorithm = 'imm' | 'opim-c';

export type PlanOptions = {
  /** How many RR sets to draw; both give γ − ε with high probability. Default 'imm'. */
  algorithm?: PlanAlgorithm;
  /** Number of accounts in the set, fixed ones included. Exactly one of `k` and `budget`. */
  k?: number;
  /** Total spend, fixed accounts' fees included; needs `costs`. */
  budget?: number;
  /** Fee per node (finite, ≥ 0), used with `budget` and reported with `k`. */
  costs?: Float64Array;
  /** 1 = may be picked. Default: every node. Fixed nodes need not be eligible. */
  eligible?: Uint8Array;
  /** Already signed: always in the set, cost counted, gains of the picks computed after them. */
  fixed?: ArrayLike<number>;
  /** IMM's ε: the greedy set is within (1 − 1/e − ε) of the optimum (½(1 − 1/e) − ε with a budget). */
  epsilon?: number;
  /** IMM's ℓ: the bound holds with probability ≥ 1 − 1/n^ℓ. */
  ell?: number;
  /** Failure probability of the certified ratio (OPIM-C); default 1/n. */
  delta?: number;
  seed?: number;
  /** Refuse to sample more RR sets than this (memory guard); the guarantee text says when it bit. */
  maxRRSets?: number;
  onProgress?: (progress: PlanProgress) => void;
  signal?: AbortSignal;
  executor?: PlanExecutor;
};

export type PlanPick = {
  node: number;
  /** The account's fee; null when no costs were given (unknown, not free). */
  cost: number | null;
  /** Expected accounts newly reached by adding this one after the previous picks. */
  marginalGain: number;
  /** Expected accounts reached by the set up to and including this one. */
  cumulativeSpread: number;
  fixed: boolean;
};

export type PlanGuarantee = {
  /** 'cardinality': IMM with greedy; 'budget': cost-aware greedy vs best single account. */
  kind: 'cardinality' | 'budget';
  /** A-priori factor reached with probability ≥ `probability`: 1 − 1/e − ε, or ½(1 − 1/e) − ε. */
  approximation: number;
  probability: number;
  /** Budget only: which candidate won. */
  selectedBy: 'greedy' | 'best-single';
  /** OPIM-C: spread(S) ≥ certifiedRatio × optimum with probability ≥ 1 − certifiedDelta. */
  certifiedRatio: number;
  certifiedDelta: number;
  spreadLowerBound: number;
  optimumUpperBound: number;
  /** True when maxRRSets stopped sampling early: the a-priori factor is not reached, the certified one still holds. */
  capped: boolean;
  text: string;
};

export type PlanResult = {
  model: InfluenceModel;
  algorithm: PlanAlgorithm;
  nodeCount: number;
  /** Fixed accounts first, then picks in greedy order. */
  picks: PlanPick[];
  nodes: Int32Array;
  /** Sum of fees, fixed accounts included; null when no costs were given. */
  totalCost: number | null;
  /** Expected accounts reached (seeds included), from the independent validation RR sets: unbiased. */
  estimatedSpread: number;
  /** The same from the RR sets the picks were chosen from (biased upwards; for diagnostics). */
  selectionSpread: number;
  guarantee: PlanGuarantee;
  rrSets: { estimation: number; selection: number; validation: number; averageSize: number };
  epsilon: number;
  seed: number;
  /** Milliseconds per phase and in total. */
  timings: { estimate: number; sample: number; select: number; validate: number; total: number };
};

export type SpreadEstimate = {
  mean: number;
  standardError: number;
  ci95: [number, number];
  runs: number;
};

export type SimulateOptions = { runs?: number; seed?: number; signal?: AbortSignal };

export type CurveOptions = {
  /** Budget steps (or k steps when `costs` is absent), ascending. */
  budgets: number[];
  costs?: Float64Array;
  eligible?: Uint8Array;
  fixed?: ArrayLike<number>;
  /** RR sets to sample when `rr` is not given. */
  rrSets?: number;
  rr?: RRCollection;
  seed?: number;
  onProgress?: (progress: PlanProgress) => void;
  signal?: AbortSignal;
};

export type CurvePoint = { budget: number; spread: number; cost: number; accounts: number };

export type BaselineOptions = {
  k?: number;
  budget?: number;
  costs?: Float64Array;
  eligible?: Uint8Array;
  fixed?: ArrayLike<number>;
  /** Independent RR sets for the spread estimate. */
  rrSets?: number;
  seed?: number;
  /** A stored collection to estimate on instead (the same samples for every compared set). */
  rr?: RRCollection;
  signal?: AbortSignal;
};

export type BaselineResult = { nodes: Int32Array; totalCost: number; spread: SpreadEstimate };
