/**
 * Murmur graph/plan/simulate
 * ==========================
 *
 * Monte Carlo spread under the independent-cascade model (Kempe, Kleinberg &
 * Tardos, KDD 2003, "Maximizing the spread of influence through a social
 * network"): every newly reached account gets one chance to pass the post to
 * each follower, with the edge's probability. The mean over runs estimates
 * the expected number of accounts reached (seeds included); the standard
 * error is the sample deviation over √runs and the 95 % interval is
 * mean ± 1.96 standard errors (normal approximation, fine above ~30 runs).
 * The independent check on what the RR-set estimates say.
 */
import { seededRng } from '../random.ts';
import { checkAborted, PlanError } from './plan.errors.ts';
import type { InfluenceGraph, SimulateOptions, SpreadEstimate } from './plan.types.ts';

export const SIMULATE_DEFAULTS = { runs: 10_000, seed: 1 };

/**
 * @example
 * const { mean, ci95 } = simulateSpread(graph, plan.nodes, { runs: 10_000, seed: 3 });
 */
export function simulateSpread(
  graph: InfluenceGraph,
  seeds: ArrayLike<number>,
  options: SimulateOptions = {},
): SpreadEstimate {
  const { runs, seed } = { ...SIMULATE_DEFAULTS, ...options };
  if (!(Number.isInteger(runs) && runs >= 2)) {
    throw new PlanError(
      'invalid-option',
      `murmur/graph/plan/simulate: runs must be an integer >= 2, got ${runs}`,
    );
  }
  const n = graph.nodeCount;
  const start = Array.from(new Set(Array.from(seeds)));
  for (const v of start) {
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new PlanError('node-out-of-range', `murmur/graph/plan/simulate: seed ${v} is not a node`);
    }
  }
  const { offsets, targets, probabilities } = graph;
  const rng = seededRng(seed);
  const reached = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let sum = 0;
  let sumSquares = 0;
  for (let run = 0; run < runs; run++) {
    let end = 0;
    for (const v of start) {
      reached[v] = run;
      queue[end++] = v;
    }
    for (let head = 0; head < end; head++) {
      const v = queue[head];
      for (let i = offsets[v]; i < offsets[v + 1]; i++) {
        const u = targets[i];
        if (reached[u] !== run && rng() < probabilities[i]) {
          reached[u] = run;
          queue[end++] = u;
        }
      }
    }
    sum += end;
    sumSquares += end * end;
    if ((run & 255) === 255) checkAborted(options.signal, 'simulate');
  }
  const mean = sum / runs;
  const variance = Math.max(0, (sumSquares - runs * mean * mean) / (runs - 1));
  const standardError = Math.sqrt(variance / runs);
  return { mean, standardError, ci95: [mean - 1.96 * standardError, mean + 1.96 * standardError], runs };
}
