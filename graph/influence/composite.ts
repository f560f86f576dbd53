/**
 * Murmur graph/influence/composite
 * ================================
 *
 * The opinion-leader score: a weighted mean of percentile ranks, scaled to
 * 0..100. Percentile ranks make components with very different scales
 * (PageRank near 1e-5, follower counts in millions) comparable and robust to
 * outliers; ties share the mid-rank. A component that is unknown for an
 * account (NaN, e.g. audience quality without profiles) is left out of that
 * account's mean and the remaining weights are renormalized, so every
 * explanation's contributions add up to the score.
 */
import { GraphError } from '../errors.ts';

export type ComponentName =
  | 'inDegree'
  | 'platformFollowers'
  | 'reach'
  | 'pagerank'
  | 'authorities'
  | 'hubs'
  | 'betweenness'
  | 'coreness'
  | 'nicheAffinity'
  | 'audienceQuality';

export type ScoreWeights = Record<ComponentName, number>;

/**
 * Defaults favour structural position inside the niche (reach, PageRank,
 * coreness) and niche concentration over raw popularity; hubs (accounts that
 * follow good accounts) are shown but not scored.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  inDegree: 0.1,
  platformFollowers: 0.05,
  reach: 0.15,
  pagerank: 0.15,
  authorities: 0.05,
  hubs: 0,
  betweenness: 0.1,
  coreness: 0.15,
  nicheAffinity: 0.2,
  audienceQuality: 0.05,
};

export const COMPONENTS = Object.keys(DEFAULT_WEIGHTS) as ComponentName[];

export function resolveWeights(weights: Partial<Record<string, number>> = {}): ScoreWeights {
  const resolved = { ...DEFAULT_WEIGHTS };
  for (const [name, value] of Object.entries(weights)) {
    if (!(name in DEFAULT_WEIGHTS)) {
      throw new GraphError(
        'invalid-weight',
        `murmur/graph/influence/composite: unknown component "${name}" in weights`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new GraphError(
        'invalid-weight',
        `murmur/graph/influence/composite: weight of "${name}" must be a finite number >= 0, got ${value}`,
      );
    }
    resolved[name as ComponentName] = value;
  }
  if (COMPONENTS.every((c) => resolved[c] === 0)) {
    throw new GraphError(
      'invalid-weight',
      'murmur/graph/influence/composite: at least one weight must be > 0',
    );
  }
  return resolved;
}

/**
 * Mid-rank percentile of every value among the non-NaN values, in 0..1
 * (1 = strictly above all others). NaN stays NaN.
 *
 * @example
 * percentileRanks(Float64Array.of(3, 1, 2)); // [1, 0, 0.5]
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) sorted[count++] = values[i];
  const known = sorted.subarray(0, count).sort();
  // Mid-rank of every run of equal values, indexed by the run's first position.
  const midRank = new Float64Array(count);
  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && known[end] === known[start]) end++;
    midRank[start] = count > 1 ? (start + (end - start - 1) / 2) / (count - 1) : 1;
    start = end;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (Number.isNaN(x)) {
      out[i] = Number.NaN;
      continue;
    }
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (known[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    out[i] = midRank[lo];
  }
  return out;
}

/**
 * Weighted mean of percentiles, 0..100, skipping unknown components per account.
 *
 * @example
 * compositeScore(percentiles, DEFAULT_WEIGHTS, nodeCount);
 */
export function compositeScore(
  percentiles: Record<ComponentName, Float64Array>,
  weights: ScoreWeights,
  nodeCount: number,
): Float64Array {
  const score = new Float64Array(nodeCount);
  const active = COMPONENTS.filter((c) => weights[c] > 0);
  for (let v = 0; v < nodeCount; v++) {
    let sum = 0;
    let total = 0;
    for (const c of active) {
      const p = percentiles[c][v];
      if (Number.isNaN(p)) continue;
      sum += weights[c] * p;
      total += weights[c];
    }
    score[v] = total > 0 ? (100 * sum) / total : 0;
  }
  return score;
}

/** Why a component was left out of a niche's composite. */
export type ExclusionReason = 'no-data' | 'same-for-all';

/**
 * Components that cannot rank anyone in this niche: no account has a known
 * value (an import without follower counts), or every known value is the
 * same (niche affinity when the whole graph is the audience). Scoring them
 * would add the same mid-rank to every account and squash the scores together.
 *
 * @example
 * uninformativeComponents({ ...raw, platformFollowers: Float64Array.of(NaN, NaN) });
 * // { platformFollowers: 'no-data' }
 */
export function uninformativeComponents(
  raw: Record<ComponentName, ArrayLike<number>>,
): Partial<Record<ComponentName, ExclusionReason>> {
  const out: Partial<Record<ComponentName, ExclusionReason>> = {};
  for (const c of COMPONENTS) {
    const values = raw[c];
    let first = Number.NaN;
    let varies = false;
    for (let v = 0; v < values.length && !varies; v++) {
      const x = values[v];
      if (Number.isNaN(x)) continue;
      if (Number.isNaN(first)) first = x;
      else if (x !== first) varies = true;
    }
    if (Number.isNaN(first)) out[c] = 'no-data';
    else if (!varies) out[c] = 'same-for-all';
  }
  return out;
}

/**
 * The weights with `excluded` components set to 0, so the composite's
 * renormalization spreads their weight over the rest. Unchanged when that
 * would leave no weighted component (a single account, an empty graph).
 *
 * @example
 * withoutComponents(DEFAULT_WEIGHTS, ['platformFollowers']).platformFollowers; // 0
 */
export function withoutComponents(weights: ScoreWeights, excluded: ComponentName[]): ScoreWeights {
  const out = { ...weights };
  for (const c of excluded) out[c] = 0;
  return COMPONENTS.some((c) => out[c] > 0) ? out : { ...weights };
}
