/**
 * Murmur graph/centrality/hits
 * ============================
 *
 * Hubs and authorities (Kleinberg 1999, "Authoritative sources in a
 * hyperlinked environment"). An account is a good authority when good hubs
 * follow it, and a good hub when it follows good authorities. Power iteration
 * over both CSR directions; both vectors are normalized to sum 1, like
 * networkx and graphology.
 */
import type { Csr } from '../build/csr.ts';
import { GraphError, throwIfAborted } from '../errors.ts';
import type { RunOptions } from '../random.ts';

export type HitsOptions = RunOptions & { tolerance?: number; maxIterations?: number };

export type HitsResult = {
  hubs: Float64Array;
  authorities: Float64Array;
  iterations: number;
  converged: boolean;
};

export const HITS_DEFAULTS = { tolerance: 1e-10, maxIterations: 1000 };

function normalize(values: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  if (sum === 0) return;
  for (let i = 0; i < values.length; i++) values[i] /= sum;
}

/**
 * @example
 * const { hubs, authorities } = hits(csr);
 */
export function hits(csr: Csr, options: HitsOptions = {}): HitsResult {
  const { tolerance, maxIterations } = { ...HITS_DEFAULTS, ...options };
  if (!(tolerance > 0) || !(maxIterations >= 1)) {
    throw new GraphError(
      'invalid-option',
      'murmur/graph/centrality/hits: tolerance must be > 0 and maxIterations >= 1',
    );
  }
  const n = csr.nodeCount;
  const { outOffsets, outTargets, inOffsets, inSources } = csr;
  const hubs = new Float64Array(n).fill(n > 0 ? 1 / n : 0);
  const authorities = new Float64Array(n);
  const nextHubs = new Float64Array(n);
  if (csr.edgeCount === 0) {
    authorities.fill(n > 0 ? 1 / n : 0);
    return { hubs, authorities, iterations: 0, converged: true };
  }
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) sum += hubs[inSources[i]];
      authorities[v] = sum;
    }
    normalize(authorities);
    let delta = 0;
    for (let u = 0; u < n; u++) {
      let sum = 0;
      for (let i = outOffsets[u]; i < outOffsets[u + 1]; i++) sum += authorities[outTargets[i]];
      nextHubs[u] = sum;
    }
    normalize(nextHubs);
    for (let u = 0; u < n; u++) {
      delta += Math.abs(nextHubs[u] - hubs[u]);
      hubs[u] = nextHubs[u];
    }
    iterations++;
    if ((iterations & 7) === 0) {
      throwIfAborted(options.signal, 'centrality/hits');
      options.onProgress?.('hits', Math.min(1, iterations / maxIterations));
    }
    if (delta < tolerance) {
      converged = true;
      break;
    }
  }
  return { hubs, authorities, iterations, converged };
}
