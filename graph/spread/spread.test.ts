import { DirectedGraph } from 'graphology';
import erdosRenyi from 'graphology-generators/random/erdos-renyi.js';
import { describe, expect, it } from 'vitest';
import { hasDataset, loadDataset } from '../../bench/graph/datasets.ts';
import {
  audienceOverlap,
  buildCsr,
  type Csr,
  fromGraphology,
  GraphError,
  lookalikes,
  plantedCommunities,
  seededRng,
  twoHopReach,
} from '../index.ts';

function followersOf(csr: Csr, v: number): Set<number> {
  return new Set(csr.inSources.subarray(csr.inOffsets[v], csr.inOffsets[v + 1]));
}

function smallGraph(): Csr {
  const graph = erdosRenyi(DirectedGraph, { order: 120, probability: 0.05, rng: seededRng(21) });
  const { nodeCount, sources, targets } = fromGraphology(graph);
  return buildCsr(nodeCount, sources, targets);
}

describe('two-hop reach', () => {
  it('counts followers and followers of followers exactly, the account itself excluded', () => {
    const csr = smallGraph();
    const { reach, isEstimate } = twoHopReach(csr);
    for (let v = 0; v < csr.nodeCount; v++) {
      const seen = new Set<number>();
      for (const u of followersOf(csr, v)) {
        seen.add(u);
        for (const w of followersOf(csr, u)) seen.add(w);
      }
      seen.delete(v);
      expect(reach[v]).toBe(seen.size);
      expect(isEstimate[v]).toBe(0);
    }
  });

  it.skipIf(!hasDataset('twitch-ru'))(
    'estimates with HyperLogLog within its stated error on twitch-ru',
    () => {
      const data = loadDataset('twitch-ru');
      const csr = buildCsr(data.nodeCount, data.sources, data.targets);
      const exact = twoHopReach(csr, { exact: true });
      const estimated = twoHopReach(csr, { exactWorkPerNode: 0 });
      expect(estimated.standardError).toBeCloseTo(0.0325, 4);
      let sum = 0;
      let within3 = 0;
      let count = 0;
      for (let v = 0; v < csr.nodeCount; v++) {
        if (exact.reach[v] < 200) continue;
        expect(estimated.isEstimate[v]).toBe(1);
        const error = Math.abs(estimated.reach[v] - exact.reach[v]) / exact.reach[v];
        sum += error;
        if (error <= 3 * estimated.standardError) within3++;
        count++;
      }
      expect(count).toBeGreaterThan(1000);
      expect(sum / count).toBeLessThan(estimated.standardError);
      expect(within3 / count).toBeGreaterThan(0.98);
    },
  );
});

describe('audience overlap', () => {
  const demo = plantedCommunities({ rng: seededRng(8) });
  const csr = buildCsr(demo.nodeCount, demo.sources, demo.targets);
  const accounts = [0, 1, 300, demo.celebrities[0]];

  it('is exact on small sets: Jaccard, overlap coefficient and combined reach', () => {
    const result = audienceOverlap(csr, accounts);
    expect(result.exact).toBe(true);
    const sets = accounts.map((v) => followersOf(csr, v));
    for (let i = 0; i < accounts.length; i++) {
      for (let j = 0; j < accounts.length; j++) {
        const shared = [...sets[i]].filter((x) => sets[j].has(x)).length;
        const union = new Set([...sets[i], ...sets[j]]).size;
        expect(result.sharedFollowers[i * 4 + j]).toBe(shared);
        expect(result.jaccard[i * 4 + j]).toBeCloseTo(shared / union, 12);
        expect(result.overlapCoefficient[i * 4 + j]).toBeCloseTo(
          shared / Math.min(sets[i].size, sets[j].size),
          12,
        );
      }
    }
    expect(result.combinedReach).toBe(new Set(sets.flatMap((s) => [...s])).size);
    // Two leaders of one community share far more of their audience than leaders of different ones.
    expect(result.jaccard[1]).toBeGreaterThan(3 * result.jaccard[2]);
  });

  it('estimates with bottom-k sketches within the stated error', () => {
    const exact = audienceOverlap(csr, accounts);
    const sketched = audienceOverlap(csr, accounts, { estimate: true, sketchSize: 256 });
    expect(sketched.exact).toBe(false);
    for (let i = 0; i < 16; i++) {
      expect(Math.abs(sketched.jaccard[i] - exact.jaccard[i])).toBeLessThan(
        4 * sketched.jaccardStandardError,
      );
    }
    expect(Math.abs(sketched.combinedReach / exact.combinedReach - 1)).toBeLessThan(
      4 * sketched.reachStandardError,
    );
  });

  it('names an unknown account in a typed error', () => {
    expect(() => audienceOverlap(csr, [0, 99_999])).toThrow(GraphError);
    expect(() => audienceOverlap(csr, [0, 99_999])).toThrow(/unknown node 99999/);
  });
});

describe('lookalikes', () => {
  it('finds the accounts with the most similar audiences, like a brute-force cosine scan', () => {
    const csr = smallGraph();
    const target = 7;
    const mine = followersOf(csr, target);
    const brute = Array.from({ length: csr.nodeCount }, (_, w) => {
      const theirs = followersOf(csr, w);
      const shared = [...mine].filter((x) => theirs.has(x)).length;
      return { node: w, similarity: shared / Math.sqrt(mine.size * theirs.size) || 0, shared };
    })
      .filter((x) => x.node !== target && x.shared >= 2)
      .sort((a, b) => b.similarity - a.similarity || a.node - b.node)
      .slice(0, 5);
    const found = lookalikes(csr, target, 5);
    expect(found.map((x) => x.node)).toEqual(brute.map((x) => x.node));
    found.forEach((x, i) => {
      expect(x.similarity).toBeCloseTo(brute[i].similarity, 12);
    });
  });

  it('returns leaders of the same community for a niche leader', () => {
    const demo = plantedCommunities({ rng: seededRng(8) });
    const csr = buildCsr(demo.nodeCount, demo.sources, demo.targets);
    const found = lookalikes(csr, 600, 5, { rng: seededRng(1) });
    expect(found).toHaveLength(5);
    expect(found.filter((x) => demo.community[x.node] === 2).length).toBeGreaterThanOrEqual(4);
  });

  it('returns nothing for an account without followers', () => {
    const csr = buildCsr(3, Int32Array.of(0), Int32Array.of(1));
    expect(lookalikes(csr, 0, 3)).toEqual([]);
  });
});
