/**
 * Murmur graph/build/graphology
 * =============================
 *
 * Graphology is the interchange model (GEXF import via graphology-gexf,
 * layouts for the web map); these convert between it and the edge arrays the
 * kernels read. Node keys map to indices in graph iteration order.
 */
import Graph from 'graphology';
import type { AbstractGraph } from 'graphology-types';

/**
 * Edge arrays of a graphology graph; an undirected edge becomes two follows.
 *
 * @example
 * const { nodeCount, sources, targets, keys } = fromGraphology(karateClub);
 */
export function fromGraphology(graph: AbstractGraph): {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  keys: string[];
} {
  const keys = graph.nodes();
  const index = new Map<string, number>();
  keys.forEach((key, i) => {
    index.set(key, i);
  });
  const sources: number[] = [];
  const targets: number[] = [];
  graph.forEachEdge((_edge, _attributes, source, target, _sa, _ta, undirected) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    sources.push(s);
    targets.push(t);
    if (undirected) {
      sources.push(t);
      targets.push(s);
    }
  });
  return {
    nodeCount: keys.length,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    keys,
  };
}

/**
 * A directed graphology graph with nodes keyed "0".."n-1", for layouts and
 * cross-checks against graphology-metrics on small graphs.
 *
 * @example
 * const graph = toGraphology(nodeCount, sources, targets);
 */
export function toGraphology(nodeCount: number, sources: Int32Array, targets: Int32Array): Graph {
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });
  for (let v = 0; v < nodeCount; v++) graph.addNode(String(v));
  for (let i = 0; i < sources.length; i++) graph.mergeEdge(String(sources[i]), String(targets[i]));
  return graph;
}
