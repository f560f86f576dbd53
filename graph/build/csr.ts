/**
 * Murmur graph/build/csr
 * ======================
 *
 * Compressed sparse row view of a follower graph (Gustavson 1978, "Two fast
 * algorithms for sparse matrices"). Edge `i` means `sources[i]` follows
 * `targets[i]`. The view holds both directions: `out*` lists whom a node
 * follows, `in*` lists its followers. Every list is sorted ascending, so set
 * operations between lists are linear merges.
 *
 * Duplicate edges are merged (counted in `duplicateEdges`); self-loops are
 * dropped (counted in `selfLoops`), because following yourself is neither
 * audience nor reach. Everything is a typed array, so a `Csr` can be posted to
 * a worker thread with its buffers transferred.
 */
import { GraphError } from '../errors.ts';

export type Csr = {
  nodeCount: number;
  edgeCount: number;
  /** `outTargets[outOffsets[u] .. outOffsets[u + 1])` are the accounts `u` follows. */
  outOffsets: Int32Array;
  outTargets: Int32Array;
  /** `inSources[inOffsets[v] .. inOffsets[v + 1])` are the followers of `v`. */
  inOffsets: Int32Array;
  inSources: Int32Array;
  /** Self-loops dropped from the input. */
  selfLoops: number;
  /** Repeated (source, target) pairs merged in the input, self-loops excluded. */
  duplicateEdges: number;
};

function checkEndpoints(nodeCount: number, ids: Int32Array, name: string): void {
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i];
    if (v < 0 || v >= nodeCount) {
      throw new GraphError(
        'node-out-of-range',
        `murmur/graph/build/csr: ${name}[${i}] = ${v} is not a node (expected 0..${nodeCount - 1})`,
      );
    }
  }
}

/**
 * Builds the CSR view in O(n + m) with two stable counting sorts.
 *
 * @example
 * const csr = buildCsr(3, Int32Array.of(0, 1, 1), Int32Array.of(2, 2, 2));
 * csr.edgeCount; // 2 (the duplicate 1 -> 2 is merged)
 */
export function buildCsr(nodeCount: number, sources: Int32Array, targets: Int32Array): Csr {
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new GraphError(
      'invalid-input',
      `murmur/graph/build/csr: nodeCount must be a non-negative integer, got ${nodeCount}`,
    );
  }
  if (!(sources instanceof Int32Array) || !(targets instanceof Int32Array)) {
    throw new GraphError('invalid-input', 'murmur/graph/build/csr: sources and targets must be Int32Arrays');
  }
  if (sources.length !== targets.length) {
    throw new GraphError(
      'length-mismatch',
      `murmur/graph/build/csr: sources has ${sources.length} edges but targets has ${targets.length}`,
    );
  }
  checkEndpoints(nodeCount, sources, 'sources');
  checkEndpoints(nodeCount, targets, 'targets');

  const m = sources.length;
  let selfLoops = 0;

  // Pass 1: order edges by target (counting sort).
  const byTarget = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    if (sources[i] === targets[i]) selfLoops++;
    else byTarget[targets[i] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) byTarget[v + 1] += byTarget[v];
  const kept = m - selfLoops;
  const tSrc = new Int32Array(kept);
  const tTgt = new Int32Array(kept);
  {
    const cursor = byTarget.slice(0, nodeCount);
    for (let i = 0; i < m; i++) {
      const s = sources[i];
      const t = targets[i];
      if (s === t) continue;
      const at = cursor[t]++;
      tSrc[at] = s;
      tTgt[at] = t;
    }
  }

  // Pass 2: stable counting sort by source, so each out-list comes out sorted.
  const outCount = new Int32Array(nodeCount + 1);
  for (let i = 0; i < kept; i++) outCount[tSrc[i] + 1]++;
  for (let v = 0; v < nodeCount; v++) outCount[v + 1] += outCount[v];
  const sorted = new Int32Array(kept);
  {
    const cursor = outCount.slice(0, nodeCount);
    for (let i = 0; i < kept; i++) sorted[cursor[tSrc[i]]++] = tTgt[i];
  }

  // Pass 3: merge duplicates in place.
  const outOffsets = new Int32Array(nodeCount + 1);
  let write = 0;
  for (let u = 0; u < nodeCount; u++) {
    const start = outCount[u];
    const end = outCount[u + 1];
    outOffsets[u] = write;
    let last = -1;
    for (let i = start; i < end; i++) {
      const t = sorted[i];
      if (t !== last) {
        sorted[write++] = t;
        last = t;
      }
    }
  }
  outOffsets[nodeCount] = write;
  const edgeCount = write;
  const outTargets = sorted.slice(0, edgeCount);

  // Pass 4: followers, sorted because sources are visited in increasing order.
  const inOffsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < edgeCount; i++) inOffsets[outTargets[i] + 1]++;
  for (let v = 0; v < nodeCount; v++) inOffsets[v + 1] += inOffsets[v];
  const inSources = new Int32Array(edgeCount);
  {
    const cursor = inOffsets.slice(0, nodeCount);
    for (let u = 0; u < nodeCount; u++) {
      for (let i = outOffsets[u]; i < outOffsets[u + 1]; i++) inSources[cursor[outTargets[i]]++] = u;
    }
  }

  return {
    nodeCount,
    edgeCount,
    outOffsets,
    outTargets,
    inOffsets,
    inSources,
    selfLoops,
    duplicateEdges: kept - edgeCount,
  };
}

/**
 * Number of followers of each node.
 *
 * @example
 * inDegrees(csr)[42]; // followers of account 42 in the crawl
 */
export function inDegrees(csr: Csr): Float64Array {
  const out = new Float64Array(csr.nodeCount);
  for (let v = 0; v < csr.nodeCount; v++) out[v] = csr.inOffsets[v + 1] - csr.inOffsets[v];
  return out;
}

/**
 * Buffers to transfer with the CSR to a worker (the sender loses them).
 *
 * @example
 * worker.postMessage(csr, transferList(csr));
 */
export function transferList(csr: Csr): ArrayBuffer[] {
  return [csr.outOffsets, csr.outTargets, csr.inOffsets, csr.inSources].map((a) => a.buffer as ArrayBuffer);
}
