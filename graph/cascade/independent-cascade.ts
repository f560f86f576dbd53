/**
 * Murmur graph/cascade/independent-cascade
 * ========================================
 *
 * One seeded spread of a post under the independent cascade model (Kempe,
 * Kleinberg & Tardos 2003, "Maximizing the spread of influence through a
 * social network", KDD '03) in continuous time (Gomez-Rodriguez, Balduzzi &
 * Schölkopf 2011, "Uncovering the temporal dynamics of diffusion networks"):
 * when an account shares, each of its followers independently reshares with
 * probability p after an exponential delay; an account reshares once, at
 * the earliest arrival, and that sharer is its true parent. `probability`
 * is a constant or the weighted cascade (p = 1 / accounts the follower
 * follows, Kempe et al. §4).
 *
 * It produces ground truth for testing cascade reconstruction and benchmark
 * cascades. Events are processed in time order with a binary heap (lazy
 * deletion), so the cost is O(E' log E') over the follow edges tried.
 */
import type { Csr } from '../build/csr.ts';
import { assertNode, GraphError } from '../errors.ts';
import type { IndependentCascadeOptions, SimulatedCascade } from './cascade.types.ts';

const WHERE = 'cascade/independent-cascade';

export const INDEPENDENT_CASCADE_DEFAULTS = {
  probability: 'weighted-cascade' as number | 'weighted-cascade',
  maxSize: Number.POSITIVE_INFINITY,
  meanDelay: 3_600_000,
  startTime: 0,
};

/** Min-heap of (time, node, parent) with typed-array storage. */
class EventHeap {
  times = new Float64Array(1024);
  nodes = new Int32Array(1024);
  parents = new Int32Array(1024);
  size = 0;

  push(time: number, node: number, parent: number): void {
    if (this.size === this.times.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.times[up] <= time) break;
      this.move(up, i);
      i = up;
    }
    this.times[i] = time;
    this.nodes[i] = node;
    this.parents[i] = parent;
  }

  /** Removes the earliest event into `top*`. */
  pop(): void {
    this.topTime = this.times[0];
    this.topNode = this.nodes[0];
    this.topParent = this.parents[0];
    const last = --this.size;
    const time = this.times[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.times[child + 1] < this.times[child]) child++;
      if (this.times[child] >= time) break;
      this.move(child, i);
      i = child;
    }
    this.move(last, i);
  }

  topTime = 0;
  topNode = 0;
  topParent = 0;

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.nodes[to] = this.nodes[from];
    this.parents[to] = this.parents[from];
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const nodes = new Int32Array(this.times.length * 2);
    const parents = new Int32Array(this.times.length * 2);
    times.set(this.times);
    nodes.set(this.nodes);
    parents.set(this.parents);
    this.times = times;
    this.nodes = nodes;
    this.parents = parents;
  }
}

/**
 * @example
 * const truth = simulateIndependentCascade(csr, influencer, { rng: seededRng(7), probability: 0.05 });
 * truth.accounts; // graph nodes in the order they shared, the influencer first
 */
export function simulateIndependentCascade(
  csr: Csr,
  root: number,
  options: IndependentCascadeOptions,
): SimulatedCascade {
  const { probability, maxSize, meanDelay, startTime, rng } = { ...INDEPENDENT_CASCADE_DEFAULTS, ...options };
  assertNode(root, csr.nodeCount, WHERE);
  if (typeof probability === 'number' && !(probability >= 0 && probability <= 1)) {
    throw new GraphError(
      'invalid-option',
      `murmur/graph/${WHERE}: probability must be in [0, 1], got ${probability}`,
    );
  }
  if (!(meanDelay > 0) || !(maxSize >= 1)) {
    throw new GraphError('invalid-option', `murmur/graph/${WHERE}: meanDelay must be > 0 and maxSize >= 1`);
  }
  const { inOffsets, inSources, outOffsets } = csr;
  const weighted = probability === 'weighted-cascade';
  // Cascade index of each graph node once it shared, -1 before.
  const position = new Int32Array(csr.nodeCount).fill(-1);
  const accounts: number[] = [];
  const times: number[] = [];
  const parent: number[] = [];
  const heap = new EventHeap();
  heap.push(startTime, root, -1);

  while (heap.size > 0 && accounts.length < maxSize) {
    heap.pop();
    const u = heap.topNode;
    if (position[u] >= 0) continue;
    const at = heap.topTime;
    position[u] = accounts.length;
    accounts.push(u);
    times.push(at);
    parent.push(heap.topParent < 0 ? -1 : position[heap.topParent]);
    for (let i = inOffsets[u]; i < inOffsets[u + 1]; i++) {
      const w = inSources[i];
      if (position[w] >= 0) continue;
      const p = weighted ? 1 / (outOffsets[w + 1] - outOffsets[w]) : (probability as number);
      if (rng() < p) heap.push(at - meanDelay * Math.log(1 - rng()), w, u);
    }
  }
  return {
    accounts: Int32Array.from(accounts),
    times: Float64Array.from(times),
    parent: Int32Array.from(parent),
  };
}
