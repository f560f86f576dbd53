/**
 * Murmur graph/communities/modularity
 * ===================================
 *
 * Newman-Girvan modularity of a partition of the undirected graph (Newman &
 * Girvan 2004, "Finding and evaluating community structure in networks"),
 * with a resolution parameter (Reichardt & Bornholdt 2006). Matches
 * graphology-metrics `modularity` on the same undirected graph.
 */
import type { UndirectedCsr } from '../build/undirected.ts';

/**
 * @example
 * modularity(undirectedView(csr), communities); // e.g. 0.41
 */
export function modularity(graph: UndirectedCsr, communities: Int32Array, resolution = 1): number {
  const m2 = graph.neighbors.length;
  if (m2 === 0) return 0;
  let count = 0;
  for (let v = 0; v < communities.length; v++) if (communities[v] + 1 > count) count = communities[v] + 1;
  const tot = new Float64Array(count);
  let inside = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    const c = communities[v];
    tot[c] += graph.offsets[v + 1] - graph.offsets[v];
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++)
      if (communities[graph.neighbors[e]] === c) inside++;
  }
  let expected = 0;
  for (let c = 0; c < count; c++) expected += (tot[c] / m2) ** 2;
  return inside / m2 - resolution * expected;
}
