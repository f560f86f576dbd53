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
 *
 * A celebrity has thousands of followers, each reached with a small
 * probability, so flipping every coin dominates. Each follower list is
 * grouped into buckets p ∈ (2^−(j+1), 2^−j]; inside a bucket the next
 * candidate is a Geometric(2^−j) jump and is kept with probability p / 2^−j
 * (subset sampling, Bringmann & Panagiotou, ICALP 2012, "Efficient sampling
 * methods for discrete distributions"), so a node costs O(buckets + live
 * edges). Random numbers come from an inlined xorshift32 (Marsaglia 2003)
 * seeded through hash32.
 */
import { hash32 } from '../random.ts';
import { checkAborted, PlanError } from './plan.errors.ts';
import type { InfluenceGraph, SimulateOptions, SpreadEstimate } from './plan.types.ts';

export const SIMULATE_DEFAULTS = { runs: 10_000, seed: 1 };

const MAX_LEVEL = 60;
/** Lists up to this long get a coin per edge. */
const PLAIN_DEGREE = 64;
const LOG_MISS = Float64Array.from({ length: MAX_LEVEL + 1 }, (_, j) => Math.log(1 - 2 ** -j));

type Buckets = { edges: Int32Array; start: Int32Array; level: Int32Array; nodeStart: Int32Array };

/** Each node's flow edges sorted by falling probability and cut into power-of-two buckets. */
function bucketize(graph: InfluenceGraph): Buckets {
  const { nodeCount: n, offsets, probabilities } = graph;
  const edges = new Int32Array(graph.edgeCount);
  for (let i = 0; i < edges.length; i++) edges[i] = i;
  const start: number[] = [];
  const level: number[] = [];
  const nodeStart = new Int32Array(n + 1);
  const levelOf = (p: number) => Math.min(MAX_LEVEL, Math.floor(-Math.log2(p)));
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1] - offsets[v] <= PLAIN_DEGREE) {
      // Short lists: one plain bucket, a coin per edge is cheaper than logarithms.
      nodeStart[v] = start.length;
      start.push(offsets[v], offsets[v + 1]);
      level.push(0, -1);
      continue;
    }
    nodeStart[v] = start.length;
    const list = edges.subarray(offsets[v], offsets[v + 1]);
    list.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
    let last = -1;
    for (let i = offsets[v]; i < offsets[v + 1]; i++) {
      const p = probabilities[edges[i]];
      if (p <= 0) break;
      const j = levelOf(Math.min(1, p));
      if (j !== last) {
        start.push(i);
        level.push(j);
        last = j;
      }
    }
    start.push(-1); // end marker, patched below
    level.push(-1);
  }
  nodeStart[n] = start.length;
  // Each bucket ends where the next begins; a node's last bucket ends at its last live edge.
  const starts = Int32Array.from(start);
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1] - offsets[v] <= PLAIN_DEGREE) continue;
    const last = nodeStart[v + 1] - 1;
    let end = offsets[v];
    for (let i = offsets[v]; i < offsets[v + 1] && probabilities[edges[i]] > 0; i++) end = i + 1;
    starts[last] = end;
  }
  return { edges, start: starts, level: Int32Array.from(level), nodeStart };
}

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
  const first = Array.from(new Set(Array.from(seeds)));
  for (const v of first) {
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new PlanError('node-out-of-range', `murmur/graph/plan/simulate: seed ${v} is not a node`);
    }
  }
  const { targets, probabilities } = graph;
  const { edges, start, level, nodeStart } = bucketize(graph);
  let x = hash32(seed, 0x9e3779b9) || 1;
  const uniform = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) + 0.5) / 4294967296;
  };
  const reached = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let sum = 0;
  let sumSquares = 0;
  for (let run = 0; run < runs; run++) {
    let end = 0;
    for (const v of first) {
      reached[v] = run;
      queue[end++] = v;
    }
    for (let head = 0; head < end; head++) {
      const v = queue[head];
      for (let b = nodeStart[v]; b < nodeStart[v + 1] - 1; b++) {
        const j = level[b];
        const stop = start[b + 1];
        if (j === 0) {
          for (let i = start[b]; i < stop; i++) {
            const e = edges[i];
            const u = targets[e];
            if (reached[u] === run) continue;
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            if ((x >>> 0) / 4294967296 < probabilities[e]) {
              reached[u] = run;
              queue[end++] = u;
            }
          }
          continue;
        }
        const q = 2 ** -j;
        const logMiss = LOG_MISS[j];
        for (let i = start[b] + Math.floor(Math.log(uniform()) / logMiss); i < stop; ) {
          const e = edges[i];
          const u = targets[e];
          if (reached[u] !== run && uniform() * q < probabilities[e]) {
            reached[u] = run;
            queue[end++] = u;
          }
          i += 1 + Math.floor(Math.log(uniform()) / logMiss);
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
