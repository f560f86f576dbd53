import { describe, expect, it } from 'vitest';
import { type NicheInput, plantedCommunities, scoreNicheAsync, seededRng } from '../../graph/index.ts';
import { scoreInWorker, scoringThreads } from './run-in-worker.ts';

// Each call transfers the input's buffers to the worker, so every run gets its own copy.
function niche(): NicheInput {
  const demo = plantedCommunities({ rng: seededRng(5), communities: 3, communitySize: 300 });
  return { nodeCount: demo.nodeCount, sources: demo.sources, targets: demo.targets };
}

describe('scoring a niche off the HTTP thread', () => {
  it('gives the same scores on one thread and on two', async () => {
    const phases: string[] = [];
    const one = await scoreInWorker(niche(), { seed: 1, threads: 1 });
    const two = await scoreInWorker(niche(), {
      seed: 1,
      threads: 2,
      onProgress: (phase, fraction) => {
        if (fraction === 1) phases.push(phase);
      },
    });
    expect(two.nodeCount).toBeGreaterThanOrEqual(900);
    expect(Array.from(two.betweenness)).toEqual(Array.from(one.betweenness));
    expect(Array.from(two.score)).toEqual(Array.from(one.score));
    expect(Array.from(two.community)).toEqual(Array.from(one.community));
    expect(phases).toContain('betweenness');
    expect(phases.at(-1)).toBe('score');
  });

  it('gives the same scores as the engine run in this thread (small niches score here)', async () => {
    const here = await scoreNicheAsync(niche(), { rng: seededRng(1) });
    const there = await scoreInWorker(niche(), { seed: 1, threads: 2 });
    expect(Array.from(there.score)).toEqual(Array.from(here.score));
    expect(Array.from(there.community)).toEqual(Array.from(here.community));
  });

  it('reports a clear error when the graph is invalid, with helper threads running', async () => {
    const bad = { nodeCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(5) };
    await expect(scoreInWorker(bad, { seed: 1, threads: 2 })).rejects.toThrow(/Scoring failed: .*not a node/);
  });

  it('starts a thread per core, at most four, for graphs big enough to pay for them', () => {
    expect(scoringThreads(3_000_000, 1)).toBe(1);
    expect(scoringThreads(3_000_000, 2)).toBe(2);
    expect(scoringThreads(3_000_000, 8)).toBe(4);
    expect(scoringThreads(250_000, 2)).toBe(2);
    expect(scoringThreads(74_608, 2)).toBe(1);
  });
});
