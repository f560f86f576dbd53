/**
 * Murmur graph/build/undirected
 * =============================
 *
 * The undirected simple graph under a follower graph: `u` and `v` are
 * neighbours when either follows the other (a mutual follow is one edge).
 * Coreness and Louvain read this view. Built by merging each node's sorted
 * out- and in-lists, O(n + m).
 */
import type { Csr } from './csr.ts';

export type UndirectedCsr = {
  nodeCount: number;
  /** Number of undirected edges; each is stored twice in `neighbors`. */
  edgeCount: number;
  offsets: Int32Array;
  neighbors: Int32Array;
};

/**
 * @example
 * const und = undirectedView(buildCsr(2, Int32Array.of(0, 1), Int32Array.of(1, 0)));
 * und.edgeCount; // 1
 */
export function undirectedView(csr: Csr): UndirectedCsr {
  const n = csr.nodeCount;
  const { outOffsets, outTargets, inOffsets, inSources } = csr;
  const offsets = new Int32Array(n + 1);
  const merged = new Int32Array(2 * csr.edgeCount);
  let write = 0;
  for (let v = 0; v < n; v++) {
    offsets[v] = write;
    let i = outOffsets[v];
    const iEnd = outOffsets[v + 1];
    let j = inOffsets[v];
    const jEnd = inOffsets[v + 1];
    while (i < iEnd && j < jEnd) {
      const a = outTargets[i];
      const b = inSources[j];
      if (a < b) {
        merged[write++] = a;
        i++;
      } else if (b < a) {
        merged[write++] = b;
        j++;
      } else {
        merged[write++] = a;
        i++;
        j++;
      }
    }
    while (i < iEnd) merged[write++] = outTargets[i++];
    while (j < jEnd) merged[write++] = inSources[j++];
  }
  offsets[n] = write;
  return { nodeCount: n, edgeCount: write / 2, offsets, neighbors: merged.slice(0, write) };
}
