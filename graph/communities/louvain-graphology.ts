/**
 * Murmur graph/communities/louvain-graphology
 * ===========================================
 *
 * Runs graphology-communities-louvain (Blondel et al. 2008) on the undirected
 * view, for `louvain(graph, { engine: 'graphology' })` and as the reference
 * the typed-array Louvain is tested against. Builds a graphology graph, so it
 * is meant for small and medium graphs.
 */
import Graph from 'graphology';
import louvainGraphology from 'graphology-communities-louvain';
import type { UndirectedCsr } from '../build/undirected.ts';
import type { Rng } from '../random.ts';

/**
 * Raw community labels per node (not yet renumbered).
 *
 * @example
 * const labels = runGraphologyLouvain(undirectedView(csr), seededRng(1), 1);
 */
export function runGraphologyLouvain(graph: UndirectedCsr, rng: Rng, resolution: number): Int32Array {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let v = 0; v < graph.nodeCount; v++) g.addNode(v);
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
      const u = graph.neighbors[e];
      if (u > v) g.addEdge(v, u);
    }
  }
  const mapping = louvainGraphology(g, { rng, resolution, getEdgeWeight: null });
  const labels = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) labels[v] = mapping[String(v)];
  return labels;
}
