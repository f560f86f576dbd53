import type Graph from 'graphology';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import erdosRenyi from 'graphology-generators/random/erdos-renyi.js';
import florentineFamilies from 'graphology-generators/social/florentine-families.js';
import karateClub from 'graphology-generators/social/karate-club.js';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import hitsCentrality from 'graphology-metrics/centrality/hits.js';
import pagerankCentrality from 'graphology-metrics/centrality/pagerank.js';
import { describe, expect, it } from 'vitest';
import {
  betweenness,
  buildCsr,
  coreness,
  fromGraphology,
  hits,
  inDegrees,
  pagerank,
  seededRng,
  undirectedView,
} from '../index.ts';

function load(graph: Graph) {
  const { nodeCount, sources, targets, keys } = fromGraphology(graph);
  return { csr: buildCsr(nodeCount, sources, targets), keys };
}

function topFive(keys: string[], values: ArrayLike<number>, digits: number): string[] {
  return Array.from(values, (x, i) => [keys[i], x] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, x]) => `${key}:${x.toFixed(digits)}`);
}

describe("Zachary's karate club against networkx 2.8.8", () => {
  const { csr, keys } = load(karateClub(UndirectedGraph));

  it('ranks degree 33:17, 0:16, 32:12, 2:10, 1:9', () => {
    expect(topFive(keys, inDegrees(csr), 0)).toEqual(['33:17', '0:16', '32:12', '2:10', '1:9']);
  });

  it('gives normalized betweenness 0:.4376, 33:.3041, 32:.1452, 2:.1437, 31:.1383', () => {
    const result = betweenness(csr);
    expect(result.exact).toBe(true);
    expect(topFive(keys, result.scores, 4)).toEqual([
      '0:0.4376',
      '33:0.3041',
      '32:0.1452',
      '2:0.1437',
      '31:0.1383',
    ]);
  });

  it('gives PageRank 33:.1009, 0:.0970, 32:.0717, 2:.0571, 1:.0529 and reports convergence', () => {
    const result = pagerank(csr, { alpha: 0.85 });
    expect(topFive(keys, result.scores, 4)).toEqual([
      '33:0.1009',
      '0:0.0970',
      '32:0.0717',
      '2:0.0571',
      '1:0.0529',
    ]);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(10);
  });
});

describe('Florentine families', () => {
  it("matches graphology's own betweenness test values", () => {
    const { csr, keys } = load(florentineFamilies(UndirectedGraph));
    const expected: Record<string, number> = {
      Acciaiuoli: 0.0,
      Albizzi: 0.212,
      Barbadori: 0.093,
      Bischeri: 0.104,
      Castellani: 0.055,
      Ginori: 0.0,
      Guadagni: 0.255,
      Lamberteschi: 0.0,
      Medici: 0.522,
      Pazzi: 0.0,
      Peruzzi: 0.022,
      Ridolfi: 0.114,
      Salviati: 0.143,
      Strozzi: 0.103,
      Tornabuoni: 0.092,
    };
    const { scores } = betweenness(csr);
    keys.forEach((key, i) => {
      expect(scores[i]).toBeCloseTo(expected[key], 3);
    });
  });
});

describe('kernels agree with graphology-metrics on a random directed graph', () => {
  const graph = erdosRenyi(DirectedGraph, { order: 300, probability: 0.02, rng: seededRng(11) });
  const { csr, keys } = load(graph);

  it('PageRank, with an absolute tolerance on both sides', () => {
    const expected = pagerankCentrality(graph, {
      getEdgeWeight: null,
      tolerance: 1e-14,
      maxIterations: 10_000,
    });
    const { scores } = pagerank(csr);
    keys.forEach((key, i) => {
      expect(scores[i]).toBeCloseTo(expected[key], 9);
    });
  });

  it('HITS hubs and authorities', () => {
    const expected = hitsCentrality(graph, { getEdgeWeight: null, tolerance: 1e-14, maxIterations: 10_000 });
    const { hubs, authorities } = hits(csr);
    keys.forEach((key, i) => {
      expect(hubs[i]).toBeCloseTo(expected.hubs[key], 7);
      expect(authorities[i]).toBeCloseTo(expected.authorities[key], 7);
    });
  });

  it('exact directed betweenness', () => {
    const expected = betweennessCentrality(graph, { getEdgeWeight: null, normalized: true });
    const { scores } = betweenness(csr);
    keys.forEach((key, i) => {
      expect(scores[i]).toBeCloseTo(expected[key], 10);
    });
  });
});

describe('edge cases', () => {
  const empty = buildCsr(0, new Int32Array(0), new Int32Array(0));
  const single = buildCsr(1, new Int32Array(0), new Int32Array(0));

  it('empty graph and a single account give empty or trivial results', () => {
    expect(pagerank(empty).scores.length).toBe(0);
    expect(hits(empty).hubs.length).toBe(0);
    expect(betweenness(empty).scores.length).toBe(0);
    expect(coreness(undirectedView(empty)).length).toBe(0);
    expect(Array.from(pagerank(single).scores)).toEqual([1]);
    expect(Array.from(betweenness(single).scores)).toEqual([0]);
    expect(Array.from(coreness(undirectedView(single)))).toEqual([0]);
  });

  it('dangling accounts and disconnected components keep PageRank a distribution', () => {
    // 0 -> 1 -> 2 (2 follows nobody), and a separate pair 3 <-> 4, and isolated 5.
    const csr = buildCsr(6, Int32Array.of(0, 1, 3, 4), Int32Array.of(1, 2, 4, 3));
    const { scores, converged } = pagerank(csr);
    expect(converged).toBe(true);
    expect(scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(scores[2]).toBeGreaterThan(scores[1]);
    expect(scores[0]).toBeCloseTo(scores[5], 12); // zero followers, same floor
    expect(Array.from(betweenness(csr, { normalized: false }).scores)).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('coreness of a triangle with a tail', () => {
    const csr = buildCsr(4, Int32Array.of(0, 1, 2, 3), Int32Array.of(1, 2, 0, 0));
    expect(Array.from(coreness(undirectedView(csr)))).toEqual([2, 2, 2, 1]);
  });

  it('rejects nonsense options with typed errors', () => {
    expect(() => pagerank(single, { alpha: Number.NaN })).toThrow(/alpha/);
    expect(() => betweenness(single, { samples: 0 })).toThrow(/samples/);
  });

  it('stops when the signal is aborted', () => {
    const graph = erdosRenyi(DirectedGraph, { order: 200, probability: 0.05, rng: seededRng(3) });
    const { csr } = load(graph);
    const controller = new AbortController();
    controller.abort();
    expect(() => betweenness(csr, { signal: controller.signal })).toThrow(/aborted/);
  });
});
