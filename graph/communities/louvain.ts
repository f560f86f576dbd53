/**
 * Murmur graph/communities/louvain
 * ================================
 *
 * Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre
 * 2008, "Fast unfolding of communities in large networks") on the undirected
 * follower graph, written over typed arrays so it runs on million-edge
 * niches. Nodes are visited in a seeded random order each pass, like
 * graphology-communities-louvain's `randomWalk`, then by the fast
 * local-moving queue of Traag 2015. The tests hold its
 * modularity to that package's on the same graphs, and `engine:
 * 'graphology'` runs the package itself.
 */
import type { UndirectedCsr } from '../build/undirected.ts';
import { GraphError, throwIfAborted } from '../errors.ts';
import { type Rng, type RunOptions, shuffledRange } from '../random.ts';
import { runGraphologyLouvain } from './louvain-graphology.ts';
import { modularity } from './modularity.ts';
import { renumberBySize } from './renumber.ts';

export type LouvainOptions = RunOptions & {
  rng?: Rng;
  resolution?: number;
  maxLevels?: number;
  engine?: 'csr' | 'graphology';
};

export type LouvainResult = {
  /** Community of every node, numbered 0..count-1 by decreasing size. */
  communities: Int32Array;
  count: number;
  modularity: number;
  levels: number;
};

export const LOUVAIN_DEFAULTS = { rng: Math.random, resolution: 1, maxLevels: 32, engine: 'csr' };

const SMALL_DEGREE = 24;

type Level = {
  size: number;
  offsets: Int32Array;
  neighbors: Int32Array;
  /** null on the first level, where every edge weighs 1 (saves 8 bytes per edge end). */
  weights: Float64Array | null;
  degree: Float64Array;
};

/**
 * Local moving with a queue (Traag 2015, "Faster unfolding of communities:
 * speeding up the Louvain algorithm"; Waltman & van Eck 2013): every node is
 * visited once in random order, and afterwards only neighbours of nodes that
 * moved are revisited, instead of full passes until nothing moves.
 * Returns null when no node moved.
 *
 * The first level of a million-edge graph spends its time on cache misses,
 * so what is read together is stored together: per community, the scatter
 * mark, the weight towards it and its total degree share one Float64Array
 * (one miss instead of three), and per node, the moved-neighbour count and
 * the count that requeues it share one Int32Array.
 */
function localMoves(level: Level, m2: number, resolution: number, rng: Rng): Int32Array | null {
  const { size, offsets, neighbors, weights, degree } = level;
  const comm = new Int32Array(size);
  for (let i = 0; i < size; i++) comm[i] = i;
  // [3c] = last node that scattered into c, [3c + 1] = its weight towards c, [3c + 2] = tot(c).
  const cs = new Float64Array(3 * size);
  for (let c = 0; c < size; c++) {
    cs[3 * c] = -1;
    cs[3 * c + 2] = degree[c];
  }
  const list = new Int32Array(size);
  const listW = new Float64Array(size);
  // Circular queue holding each node at most once.
  const queue = shuffledRange(size, rng);
  // [2u] = neighbours that moved since u's last visit, or -1 while u is queued;
  // [2u + 1] = how many requeue it: 1/16 of its neighbours, so celebrities with
  // 100k neighbours are not re-evaluated after every single move (amortized
  // O(16) per moved edge).
  const dirty = new Int32Array(2 * size);
  for (let u = 0; u < size; u++) {
    dirty[2 * u] = -1;
    dirty[2 * u + 1] = Math.ceil((offsets[u + 1] - offsets[u]) / 16);
  }
  let head = 0;
  let pending = size;
  let moves = 0;
  while (pending > 0) {
    const i = queue[head];
    head = head + 1 === size ? 0 : head + 1;
    pending--;
    dirty[2 * i] = 0;
    const ci = comm[i];
    const ki = degree[i];
    let count = 0;
    const start = offsets[i];
    const end = offsets[i + 1];
    if (end - start <= SMALL_DEGREE) {
      // Small neighbourhoods: dedupe in a scratch list. The neighbour loads are
      // independent, unlike scatter-with-check into community-indexed arrays,
      // whose dependent branch stalls on every cache miss.
      for (let e = start; e < end; e++) {
        const c = comm[neighbors[e]];
        const w = weights === null ? 1 : weights[e];
        let j = 0;
        while (j < count && list[j] !== c) j++;
        if (j === count) {
          list[count] = c;
          listW[count++] = w;
        } else listW[j] += w;
      }
    } else {
      for (let e = start; e < end; e++) {
        const at = 3 * comm[neighbors[e]];
        const w = weights === null ? 1 : weights[e];
        if (cs[at] !== i) {
          cs[at] = i;
          cs[at + 1] = w;
          list[count++] = at / 3;
        } else cs[at + 1] += w;
      }
      for (let j = 0; j < count; j++) {
        const at = 3 * list[j];
        listW[j] = cs[at + 1];
        cs[at] = -1;
      }
    }
    cs[3 * ci + 2] -= ki;
    const scale = (resolution * ki) / m2;
    let best = ci;
    let own = 0;
    for (let j = 0; j < count; j++) if (list[j] === ci) own = listW[j];
    let bestGain = own - cs[3 * ci + 2] * scale;
    for (let j = 0; j < count; j++) {
      const c = list[j];
      const gain = listW[j] - cs[3 * c + 2] * scale;
      if (gain > bestGain + 1e-12) {
        best = c;
        bestGain = gain;
      }
    }
    cs[3 * best + 2] += ki;
    if (best === ci) continue;
    comm[i] = best;
    moves++;
    for (let e = start; e < end; e++) {
      const u = neighbors[e];
      const d = dirty[2 * u];
      if (d >= 0 && comm[u] !== best) {
        if (d + 1 >= dirty[2 * u + 1]) {
          dirty[2 * u] = -1;
          let tail = head + pending;
          if (tail >= size) tail -= size;
          queue[tail] = u;
          pending++;
        } else dirty[2 * u] = d + 1;
      }
    }
  }
  return moves > 0 ? comm : null;
}

function aggregate(level: Level, comm: Int32Array, count: number): Level {
  const { size, offsets, neighbors, weights, degree } = level;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < size; i++) start[comm[i] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const members = new Int32Array(size);
  const cursor = start.slice(0, count);
  for (let i = 0; i < size; i++) members[cursor[comm[i]]++] = i;
  const newOffsets = new Int32Array(count + 1);
  const newNeighbors = new Int32Array(neighbors.length);
  const newWeights = new Float64Array(neighbors.length);
  const newDegree = new Float64Array(count);
  const slot = new Int32Array(count).fill(-1);
  let write = 0;
  for (let c = 0; c < count; c++) {
    newOffsets[c] = write;
    const first = write;
    for (let p = start[c]; p < start[c + 1]; p++) {
      const i = members[p];
      newDegree[c] += degree[i];
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const d = comm[neighbors[e]];
        if (d === c) continue;
        if (slot[d] < first) {
          slot[d] = write;
          newNeighbors[write] = d;
          newWeights[write++] = weights === null ? 1 : weights[e];
        } else newWeights[slot[d]] += weights === null ? 1 : weights[e];
      }
    }
  }
  newOffsets[count] = write;
  return {
    size: count,
    offsets: newOffsets,
    neighbors: newNeighbors.slice(0, write),
    weights: newWeights.slice(0, write),
    degree: newDegree,
  };
}

/**
 * @example
 * const { communities, modularity } = louvain(undirectedView(csr), { rng: seededRng(7) });
 */
export function louvain(graph: UndirectedCsr, options: LouvainOptions = {}): LouvainResult {
  const { rng, resolution, maxLevels, engine } = { ...LOUVAIN_DEFAULTS, ...options };
  if (!(resolution > 0)) {
    throw new GraphError(
      'invalid-option',
      `murmur/graph/communities/louvain: resolution must be > 0, got ${resolution}`,
    );
  }
  const n = graph.nodeCount;
  const membership = new Int32Array(n);
  for (let v = 0; v < n; v++) membership[v] = v;
  let levels = 0;
  if (engine === 'graphology') {
    membership.set(runGraphologyLouvain(graph, rng, resolution));
    levels = 1;
  } else if (graph.edgeCount > 0) {
    let level: Level = {
      size: n,
      offsets: graph.offsets,
      neighbors: graph.neighbors,
      weights: null,
      degree: new Float64Array(n),
    };
    for (let v = 0; v < n; v++) level.degree[v] = graph.offsets[v + 1] - graph.offsets[v];
    const m2 = graph.neighbors.length;
    while (levels < maxLevels) {
      throwIfAborted(options.signal, 'communities/louvain');
      const comm = localMoves(level, m2, resolution, rng);
      if (!comm) break;
      const { communities, count } = renumberBySize(comm);
      for (let v = 0; v < n; v++) membership[v] = communities[membership[v]];
      levels++;
      options.onProgress?.('communities', levels / maxLevels);
      if (count === level.size) break;
      level = aggregate(level, communities, count);
    }
  }
  const { communities, count } = renumberBySize(membership);
  return { communities, count, modularity: modularity(graph, communities, resolution), levels };
}
