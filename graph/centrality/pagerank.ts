/**
 * Murmur graph/centrality/pagerank
 * ================================
 *
 * PageRank (Brin & Page 1998, "The anatomy of a large-scale hypertextual web
 * search engine") by power iteration over the CSR follower lists. Rank flows
 * along follows: being followed by important accounts raises rank. Dangling
 * accounts (following no one) spread their rank uniformly, as networkx and
 * igraph do.
 *
 * Unlike graphology-metrics, `tolerance` is absolute: iteration stops when
 * the L1 change of the rank vector is below it. graphology multiplies its
 * tolerance by the node count, which stops after two iterations on large
 * graphs.
 */
import type { Csr } from '../build/csr.ts';
import { GraphError, throwIfAborted } from '../errors.ts';
import type { RunOptions } from '../random.ts';

export type PagerankOptions = RunOptions & {
  alpha?: number;
  tolerance?: number;
  maxIterations?: number;
};

export type PagerankResult = {
  scores: Float64Array;
  iterations: number;
  converged: boolean;
  /** L1 change of the last iteration. */
  delta: number;
};

export const PAGERANK_DEFAULTS = { alpha: 0.85, tolerance: 1e-10, maxIterations: 1000 };

/**
 * @example
 * const { scores, iterations, converged } = pagerank(csr, { alpha: 0.85 });
 */
export function pagerank(csr: Csr, options: PagerankOptions = {}): PagerankResult {
  const { alpha, tolerance, maxIterations } = { ...PAGERANK_DEFAULTS, ...options };
  if (!(alpha >= 0 && alpha < 1)) {
    throw new GraphError(
      'invalid-option',
      `murmur/graph/centrality/pagerank: alpha must be in [0, 1), got ${alpha}`,
    );
  }
  if (!(tolerance > 0) || !(maxIterations >= 1)) {
    throw new GraphError(
      'invalid-option',
      'murmur/graph/centrality/pagerank: tolerance must be > 0 and maxIterations >= 1',
    );
  }
  const n = csr.nodeCount;
  const scores = new Float64Array(n);
  if (n === 0) return { scores, iterations: 0, converged: true, delta: 0 };
  const { outOffsets, inOffsets, inSources } = csr;
  const invOut = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const d = outOffsets[u + 1] - outOffsets[u];
    invOut[u] = d > 0 ? 1 / d : 0;
  }
  scores.fill(1 / n);
  const share = new Float64Array(n);
  let next = new Float64Array(n);
  let x = scores;
  let iterations = 0;
  let delta = Number.POSITIVE_INFINITY;
  while (iterations < maxIterations) {
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      if (invOut[u] === 0) dangling += x[u];
      share[u] = x[u] * invOut[u];
    }
    const base = (1 - alpha) / n + (alpha * dangling) / n;
    delta = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) sum += share[inSources[i]];
      const value = base + alpha * sum;
      delta += Math.abs(value - x[v]);
      next[v] = value;
    }
    const previous = x;
    x = next;
    next = previous;
    iterations++;
    if ((iterations & 7) === 0) {
      throwIfAborted(options.signal, 'centrality/pagerank');
      options.onProgress?.('pagerank', Math.min(1, iterations / maxIterations));
    }
    if (delta < tolerance) break;
  }
  if (x !== scores) scores.set(x);
  return { scores, iterations, converged: delta < tolerance, delta };
}
