/**
 * Directed-graph kernels against igraph / networkx on the shared datasets.
 * Reference values come from scripts/graph-reference/reference.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasDataset, loadDataset } from '../../bench/graph/datasets.ts';
import {
  accumulateBetweenness,
  betweenness,
  buildCsr,
  coreness,
  hits,
  pagerank,
  seededRng,
  undirectedView,
} from '../index.ts';

type Reference = {
  nodeCount: number;
  edgeCount: number;
  pagerankTop: [number, number][];
  hubsTop: [number, number][];
  authoritiesTop: [number, number][];
  coreness: number[];
  betweenness: number[];
  betweennessPartial: { sources: number[]; sum: number; top: [number, number][] };
  subgraph: { nodeCount: number; edgeCount: number; betweenness: number[] };
};

function fixture(name: string): Reference {
  return JSON.parse(readFileSync(new URL(`../fixtures/reference-${name}.json`, import.meta.url), 'utf8'));
}

function topIndices(values: ArrayLike<number>, k: number): number[] {
  return Array.from(values, (x, i) => [x, i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

function expectTopMatches(top: [number, number][], values: Float64Array, tolerance: number) {
  expect(topIndices(values, top.length)).toEqual(top.map(([i]) => i));
  for (const [i, value] of top) expect(Math.abs(values[i] - value)).toBeLessThan(tolerance);
}

for (const name of ['wiki-vote', 'twitch-ru'] as const) {
  describe.skipIf(!hasDataset(name))(`${name} against igraph and networkx`, () => {
    if (!hasDataset(name)) {
      it.skip(`needs ../shared/datasets/${name} (not found)`, () => {});
      return;
    }
    const reference = fixture(name);
    const data = loadDataset(name);
    const csr = buildCsr(data.nodeCount, data.sources, data.targets);

    it('loads the same graph', () => {
      expect(csr.nodeCount).toBe(reference.nodeCount);
      expect(csr.edgeCount).toBe(reference.edgeCount);
    });

    it('PageRank top 100 in the same order, values within 1e-9', () => {
      const result = pagerank(csr);
      expect(result.converged).toBe(true);
      expectTopMatches(reference.pagerankTop, result.scores, 1e-9);
    });

    it('HITS hubs and authorities top 100 in the same order, values within 1e-6', () => {
      const result = hits(csr);
      expect(result.converged).toBe(true);
      expectTopMatches(reference.hubsTop, result.hubs, 1e-6);
      expectTopMatches(reference.authoritiesTop, result.authorities, 1e-6);
    });

    it('coreness identical for every account', () => {
      expect(Array.from(coreness(undirectedView(csr)))).toEqual(reference.coreness);
    });

    it('exact betweenness of the subgraph on the first 1,500 accounts matches igraph within 1e-9', () => {
      const { nodeCount, betweenness: expected } = reference.subgraph;
      const keep = Array.from(data.sources.keys()).filter(
        (i) => data.sources[i] < nodeCount && data.targets[i] < nodeCount,
      );
      const sub = buildCsr(
        nodeCount,
        Int32Array.from(keep, (i) => data.sources[i]),
        Int32Array.from(keep, (i) => data.targets[i]),
      );
      expect(sub.edgeCount).toBe(reference.subgraph.edgeCount);
      const result = betweenness(sub, { exactWorkLimit: Number.POSITIVE_INFINITY });
      expect(result.exact).toBe(true);
      let worst = 0;
      for (let v = 0; v < nodeCount; v++) worst = Math.max(worst, Math.abs(result.scores[v] - expected[v]));
      expect(worst).toBeLessThan(1e-9);
    });

    it('Brandes sums over 64 fixed sources equal networkx betweenness_centrality_subset', () => {
      const partial = new Float64Array(csr.nodeCount);
      accumulateBetweenness(csr, Int32Array.from(reference.betweennessPartial.sources), partial);
      expect(partial.reduce((s, x) => s + x, 0)).toBeCloseTo(reference.betweennessPartial.sum, 3);
      for (const [i, value] of reference.betweennessPartial.top) {
        expect(Math.abs(partial[i] - value)).toBeLessThan(1e-6 * Math.max(1, value));
      }
    });
  });
}

describe.skipIf(!hasDataset('wiki-vote'))('sampled betweenness on wiki-vote', () => {
  it('ranks accounts like exact betweenness (Spearman >= 0.95) at the default 256 samples', () => {
    const reference = fixture('wiki-vote');
    const data = loadDataset('wiki-vote');
    const result = betweenness(buildCsr(data.nodeCount, data.sources, data.targets), {
      rng: seededRng(2026),
    });
    expect(result.exact).toBe(false);
    expect(result.sources).toBe(256);
    const rho = spearman(result.scores, reference.betweenness);
    expect(rho).toBeGreaterThanOrEqual(0.95);
  });
});
