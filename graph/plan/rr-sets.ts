/**
 * Murmur graph/plan/rr-sets
 * =========================
 *
 * Reverse-reachable (RR) sets (Borgs, Brautbar, Chayes & Lucier, SODA 2014,
 * "Maximizing social influence in nearly optimal time"): pick a uniform
 * random account r, flip every flow edge's coin and collect everyone who can
 * reach r over live edges — a reverse BFS. For any set S,
 * spread(S) = n · Pr[S meets a random RR set], so coverage of many RR sets
 * estimates spread and greedy coverage maximizes it.
 *
 * When all edges into a node share one probability p (weighted cascade,
 * uniform), live edges are found by geometric skipping — the gap to the next
 * live edge is Geometric(p) — so a node costs O(1 + live edges) instead of
 * O(follows) (subset sampling, Guo, Wang, Wei & Chen, SIGMOD 2020, "Influence
 * maximization revisited: efficient reverse reachable set generation with
 * bound tightened").
 *
 * One `seededRng(seed)` stream per call: the same seed and count give the same
 * sets, so a caller can sample in slices on worker threads with distinct
 * seeds and concatenate the slices in order.
 */
import { seededRng } from '../random.ts';
import { PlanError } from './plan.errors.ts';
import type { InfluenceGraph, RRCollection } from './plan.types.ts';

const WHERE = 'murmur/graph/plan/rr-sets';

/**
 * @example
 * const rr = emptyRRCollection(graph.nodeCount);
 */
export function emptyRRCollection(nodeCount: number, sets = 1024, nodes = 4096): RRCollection {
  const offsets = new Int32Array(Math.max(2, sets + 1));
  return { nodeCount, count: 0, offsets, nodes: new Int32Array(Math.max(16, nodes)) };
}

function grown(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  if (needed > 2 ** 31 - 1) {
    throw new PlanError('invalid-option', `${WHERE}: more than 2^31 RR-set entries; lower epsilon's demand`);
  }
  const next = new Int32Array(Math.min(2 ** 31 - 1, Math.max(needed, array.length * 2)));
  next.set(array);
  return next;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new PlanError('invalid-option', `${WHERE}: count must be a non-negative integer, got ${count}`);
  }
}

/**
 * Walks live reverse edges from `root`, writing the RR set into `queue` from `start`; returns its
 * end. With `rank` (≥ 0 for members of a seed set, in pick order), records the lowest rank reached
 * in `probe.minRank` and stops early once rank 0 is reached.
 */
const probe = { minRank: -1 };

function reverseBfs(
  graph: InfluenceGraph,
  root: number,
  rng: () => number,
  seen: Int32Array,
  stamp: number,
  queue: { nodes: Int32Array },
  start: number,
  rank: Int32Array | null,
): number {
  const { reverseOffsets, sources, reverseProbabilities, constantPerTarget } = graph;
  let end = start;
  let head = start;
  if (end >= queue.nodes.length) queue.nodes = grown(queue.nodes, end + 1);
  queue.nodes[end++] = root;
  seen[root] = stamp;
  probe.minRank = rank ? rank[root] : -1;
  if (probe.minRank === 0) return end;
  while (head < end) {
    const v = queue.nodes[head++];
    const from = reverseOffsets[v];
    const to = reverseOffsets[v + 1];
    if (from === to) continue;
    let i = from;
    let p = reverseProbabilities[from];
    const geometric = constantPerTarget && p < 1;
    let logMiss = 0;
    if (geometric) {
      if (p <= 0) continue;
      logMiss = Math.log(1 - p);
      i = from + Math.floor(Math.log(1 - rng()) / logMiss);
    }
    while (i < to) {
      if (!geometric && !constantPerTarget) p = reverseProbabilities[i];
      if (geometric || p >= 1 || rng() < p) {
        const u = sources[i];
        if (seen[u] !== stamp) {
          seen[u] = stamp;
          if (rank && rank[u] >= 0 && (probe.minRank < 0 || rank[u] < probe.minRank)) {
            probe.minRank = rank[u];
            if (probe.minRank === 0) return end;
          }
          if (end >= queue.nodes.length) queue.nodes = grown(queue.nodes, end + 1);
          queue.nodes[end++] = u;
        }
      }
      if (geometric) i += 1 + Math.floor(Math.log(1 - rng()) / logMiss);
      else i++;
    }
  }
  return end;
}

/**
 * Appends `count` RR sets drawn with `seededRng(seed)` to `into` (a new collection when absent).
 *
 * @example
 * const rr = sampleRRSets(graph, 10_000, 1);
 * sampleRRSets(graph, 10_000, 2, rr); // 20,000 sets, the second slice from seed 2
 */
export function sampleRRSets(
  graph: InfluenceGraph,
  count: number,
  seed: number,
  into?: RRCollection,
): RRCollection {
  checkCount(count);
  const n = graph.nodeCount;
  const rr = into ?? emptyRRCollection(n, count);
  if (rr.nodeCount !== n) {
    throw new PlanError('invalid-input', `${WHERE}: collection is for ${rr.nodeCount} nodes, graph has ${n}`);
  }
  if (count === 0) return rr;
  if (n === 0) throw new PlanError('invalid-input', `${WHERE}: cannot sample RR sets of an empty graph`);
  const rng = seededRng(seed);
  const seen = new Int32Array(n).fill(-1);
  rr.offsets = grown(rr.offsets, rr.count + count + 1);
  const queue = { nodes: rr.nodes };
  let end = rr.offsets[rr.count];
  for (let s = 0; s < count; s++) {
    const root = Math.floor(rng() * n);
    end = reverseBfs(graph, root, rng, seen, s, queue, end, null);
    rr.offsets[rr.count + s + 1] = end;
  }
  rr.nodes = queue.nodes;
  rr.count += count;
  return rr;
}

/**
 * Samples `count` RR sets with `seededRng(seed)`, storing nothing, and counts by earliest pick:
 * `counts[r]` is the number of sets whose lowest-ranked member has rank r (`rank[v]` ≥ 0 for
 * the seed set in pick order, −1 elsewhere; `picks` ranks in all). Prefix sums of `counts` are the
 * sets covered by each prefix of the picks, so marginal gains come from independent samples.
 *
 * @example
 * const counts = coverageByRank(graph, 100_000, 7, rank, 3);
 * const spreadOfFirstTwo = (graph.nodeCount * (counts[0] + counts[1])) / 100_000;
 */
export function coverageByRank(
  graph: InfluenceGraph,
  count: number,
  seed: number,
  rank: Int32Array,
  picks: number,
): Float64Array {
  checkCount(count);
  const n = graph.nodeCount;
  if (rank.length !== n) {
    throw new PlanError('invalid-input', `${WHERE}: rank has ${rank.length} entries, graph has ${n} nodes`);
  }
  const counts = new Float64Array(picks);
  if (count === 0) return counts;
  const rng = seededRng(seed);
  const seen = new Int32Array(n).fill(-1);
  const queue = { nodes: new Int32Array(Math.min(n, 1 << 16)) };
  for (let s = 0; s < count; s++) {
    reverseBfs(graph, Math.floor(rng() * n), rng, seen, s, queue, 0, rank);
    if (probe.minRank >= 0) counts[probe.minRank]++;
  }
  return counts;
}

/**
 * Samples `count` RR sets with `seededRng(seed)` and counts those that meet the set marked in
 * `inSet`, storing nothing (each walk stops at the first marked node).
 *
 * @example
 * const covered = countCoveredRRSets(graph, 100_000, 7, mask);
 * const spread = (graph.nodeCount * covered) / 100_000;
 */
export function countCoveredRRSets(
  graph: InfluenceGraph,
  count: number,
  seed: number,
  inSet: Uint8Array,
): number {
  const rank = new Int32Array(inSet.length);
  for (let v = 0; v < inSet.length; v++) rank[v] = inSet[v] ? 0 : -1;
  return coverageByRank(graph, count, seed, rank, 1)[0];
}

/**
 * Concatenates `from` after `into` (slices sampled on workers, in slice order).
 *
 * @example
 * appendRRSets(rr, sliceFromWorker);
 */
export function appendRRSets(into: RRCollection, from: RRCollection): RRCollection {
  if (into.nodeCount !== from.nodeCount) {
    throw new PlanError('invalid-input', `${WHERE}: collections are over different graphs`);
  }
  const base = into.offsets[into.count];
  const size = from.offsets[from.count];
  into.nodes = grown(into.nodes, base + size);
  into.nodes.set(from.nodes.subarray(0, size), base);
  into.offsets = grown(into.offsets, into.count + from.count + 1);
  for (let i = 1; i <= from.count; i++) into.offsets[into.count + i] = base + from.offsets[i];
  into.count += from.count;
  return into;
}

/**
 * @example
 * parentPort.postMessage(rr, rrTransferList(rr));
 */
export function rrTransferList(rr: RRCollection): ArrayBuffer[] {
  return [rr.offsets.buffer as ArrayBuffer, rr.nodes.buffer as ArrayBuffer];
}
