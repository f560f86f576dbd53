import { UndirectedGraph } from 'graphology';
import louvainGraphology from 'graphology-communities-louvain';
import karateClub from 'graphology-generators/social/karate-club.js';
import modularityMetric from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { hasDataset, loadDataset } from '../../bench/graph/datasets.ts';
import {
  buildCsr,
  fromGraphology,
  louvain,
  modularity,
  plantedCommunities,
  seededRng,
  undirectedView,
} from '../index.ts';

function undirectedGraphology(
  nodeCount: number,
  offsets: Int32Array,
  neighbors: Int32Array,
): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let v = 0; v < nodeCount; v++) graph.addNode(String(v));
  for (let v = 0; v < nodeCount; v++) {
    for (let e = offsets[v]; e < offsets[v + 1]; e++)
      if (neighbors[e] > v) graph.addEdge(String(v), String(neighbors[e]));
  }
  return graph;
}

describe('louvain', () => {
  it('reports the same modularity as graphology-metrics for its partition', () => {
    const { nodeCount, sources, targets } = fromGraphology(karateClub(UndirectedGraph));
    const und = undirectedView(buildCsr(nodeCount, sources, targets));
    const result = louvain(und, { rng: seededRng(1) });
    const graph = undirectedGraphology(nodeCount, und.offsets, und.neighbors);
    const expected = modularityMetric(graph, {
      getNodeCommunity: (node) => result.communities[Number(node)],
    });
    expect(result.modularity).toBeCloseTo(expected, 12);
    expect(modularity(und, result.communities)).toBeCloseTo(expected, 12);
    // Karate's best known modularity is 0.4198; Louvain finds 0.41-0.42.
    expect(result.modularity).toBeGreaterThan(0.4);
  });

  it('recovers planted communities', () => {
    const demo = plantedCommunities({ rng: seededRng(5) });
    const und = undirectedView(buildCsr(demo.nodeCount, demo.sources, demo.targets));
    const { communities, count } = louvain(und, { rng: seededRng(1) });
    expect(count).toBe(6);
    // Every planted community maps (almost) entirely to one detected community.
    for (let c = 0; c < 6; c++) {
      const votes = new Map<number, number>();
      for (let v = 0; v < demo.nodeCount; v++) {
        if (demo.community[v] === c) votes.set(communities[v], (votes.get(communities[v]) ?? 0) + 1);
      }
      expect(Math.max(...votes.values()) / 300).toBeGreaterThan(0.95);
    }
  });

  it('is deterministic for a seed and numbers communities by decreasing size', () => {
    const demo = plantedCommunities({ rng: seededRng(9), communities: 4, communitySize: 100 + 50 });
    const und = undirectedView(buildCsr(demo.nodeCount, demo.sources, demo.targets));
    const a = louvain(und, { rng: seededRng(4) });
    const b = louvain(und, { rng: seededRng(4) });
    expect(Array.from(a.communities)).toEqual(Array.from(b.communities));
    const sizes = new Array(a.count).fill(0);
    for (const c of a.communities) sizes[c]++;
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it.skipIf(!hasDataset('twitch-ru'))('is as good as graphology-communities-louvain on twitch-ru', () => {
    const data = loadDataset('twitch-ru');
    const und = undirectedView(buildCsr(data.nodeCount, data.sources, data.targets));
    const ours = louvain(und, { rng: seededRng(1) });
    const graph = undirectedGraphology(und.nodeCount, und.offsets, und.neighbors);
    const theirs = louvainGraphology.detailed(graph, { rng: seededRng(1) });
    expect(ours.modularity).toBeGreaterThan(theirs.modularity - 0.02);
    const viaEngine = louvain(und, { rng: seededRng(1), engine: 'graphology' });
    expect(viaEngine.modularity).toBeGreaterThan(0.3);
  });

  it('leaves a graph without edges as singletons', () => {
    const result = louvain(undirectedView(buildCsr(3, new Int32Array(0), new Int32Array(0))));
    expect(result.count).toBe(3);
    expect(result.modularity).toBe(0);
  });
});
