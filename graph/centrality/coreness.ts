/**
 * Murmur graph/centrality/coreness
 * ================================
 *
 * k-core number of every account on the undirected graph (Seidman 1983),
 * computed with the O(m) bucket algorithm of Batagelj & Zaversnik 2003
 * ("An O(m) algorithm for cores decomposition of networks"). Kitsak et al.
 * 2010 ("Identification of influential spreaders in complex networks") found
 * coreness the best single predictor of spreading power.
 */
import type { UndirectedCsr } from '../build/undirected.ts';

/**
 * @example
 * const cores = coreness(undirectedView(csr)); // Int32Array, same as networkx.core_number
 */
export function coreness(graph: UndirectedCsr): Int32Array {
  const n = graph.nodeCount;
  const { offsets, neighbors } = graph;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    degree[v] = offsets[v + 1] - offsets[v];
    if (degree[v] > maxDegree) maxDegree = degree[v];
  }
  const bin = new Int32Array(maxDegree + 1);
  for (let v = 0; v < n; v++) bin[degree[v]]++;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) {
    const count = bin[d];
    bin[d] = start;
    start += count;
  }
  const pos = new Int32Array(n);
  const vert = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[degree[v]];
    vert[pos[v]] = v;
    bin[degree[v]]++;
  }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1];
  bin[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i];
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const u = neighbors[j];
      if (degree[u] > degree[v]) {
        const du = degree[u];
        const pu = pos[u];
        const pw = bin[du];
        const w = vert[pw];
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]++;
        degree[u]--;
      }
    }
  }
  return degree;
}
