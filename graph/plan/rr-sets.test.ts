/**
 * RR sets in slices: what a worker pool relies on. The same seeds and slicing
 * give the same sets and the same plan, whichever thread drew them.
 */
import { describe, expect, it } from 'vitest';
import {
  appendRRSets,
  buildCsr,
  coverageByRank,
  emptyRRCollection,
  type PlanExecutor,
  planSeeds,
  plantedCommunities,
  sampleRRSets,
  seededRng,
  weightedCascade,
} from '../index.ts';

const demo = plantedCommunities({ rng: seededRng(3) });
const graph = weightedCascade(buildCsr(demo.nodeCount, demo.sources, demo.targets));

const setsOf = (rr: ReturnType<typeof sampleRRSets>) =>
  Array.from({ length: rr.count }, (_, i) => Array.from(rr.nodes.subarray(rr.offsets[i], rr.offsets[i + 1])));

describe('RR sets in slices', () => {
  it('appends slices drawn elsewhere exactly as if drawn in place', () => {
    const inPlace = sampleRRSets(graph, 300, 1);
    sampleRRSets(graph, 200, 2, inPlace);
    const elsewhere = appendRRSets(sampleRRSets(graph, 300, 1), sampleRRSets(graph, 200, 2));
    expect(setsOf(elsewhere)).toEqual(setsOf(inPlace));
    expect(setsOf(sampleRRSets(graph, 300, 1))).toEqual(setsOf(inPlace).slice(0, 300));
    // No set holds a node twice.
    for (const set of setsOf(inPlace)) expect(new Set(set).size).toBe(set.length);
  });

  it('counts coverage by the earliest pick', () => {
    const rank = new Int32Array(graph.nodeCount).fill(-1);
    rank[demo.celebrities[0]] = 0;
    rank[0] = 1;
    const counts = coverageByRank(graph, 5000, 9, rank, 2);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[0] + counts[1]).toBeLessThanOrEqual(5000);
  });

  it('gives the same plan through a two-slice executor, run after run', async () => {
    let calls = 0;
    const twoSlices: PlanExecutor = {
      sample: (g, count, seed, into) => {
        calls++;
        const half = count >> 1;
        appendRRSets(into, sampleRRSets(g, half, seed, emptyRRCollection(g.nodeCount)));
        appendRRSets(into, sampleRRSets(g, count - half, seed ^ 0x5bd1e995, emptyRRCollection(g.nodeCount)));
      },
      coverageByRank: (g, count, seed, rank, picks) => {
        const half = count >> 1;
        const a = coverageByRank(g, half, seed, rank, picks);
        const b = coverageByRank(g, count - half, seed ^ 0x5bd1e995, rank, picks);
        return a.map((x, i) => x + b[i]);
      },
    };
    const a = await planSeeds(graph, { k: 5, epsilon: 0.3, seed: 4, executor: twoSlices });
    const b = await planSeeds(graph, { k: 5, epsilon: 0.3, seed: 4, executor: twoSlices });
    expect(calls).toBeGreaterThan(0);
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    expect(a.estimatedSpread).toBe(b.estimatedSpread);
  });
});
