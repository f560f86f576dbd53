import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../bench/graph/worker-pool.ts';
import {
  accumulateBetweenness,
  accumulateBetweennessShared,
  type BetweennessExecutor,
  betweennessQuantum,
  explain,
  GraphError,
  type NicheScores,
  plantedCommunities,
  scoreNiche,
  scoreNicheAsync,
  seededRng,
} from './index.ts';

function ranking(scores: NicheScores): number[] {
  return Array.from(scores.score, (s, v) => [s, v])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, v]) => v);
}

describe('scoreNiche on a demo niche with planted communities', () => {
  const demo = plantedCommunities({ rng: seededRng(2024) });
  const phases: string[] = [];
  const scores = scoreNiche(demo, {
    rng: seededRng(1),
    onProgress: (phase, fraction) => {
      if (fraction === 1) phases.push(phase);
    },
  });

  it('puts the niche leaders on top and the global celebrities and the bought account below them', () => {
    const top = ranking(scores).slice(0, 24);
    const leaders = demo.leaders.flat();
    expect(leaders.filter((v) => top.includes(v)).length).toBeGreaterThanOrEqual(15);
    for (const celebrity of demo.celebrities) expect(top).not.toContain(celebrity);
    expect(scores.audienceQuality[demo.boughtAccount]).toBeLessThan(scores.audienceQuality[leaders[0]]);
  });

  it('finds the planted communities and names each by its top accounts', () => {
    expect(scores.modularity).toBeGreaterThan(0.5);
    for (const community of scores.communities.slice(0, 6)) {
      expect(community.size).toBeGreaterThan(250);
      expect(community.topNodes).toHaveLength(10);
      const planted = demo.community[community.topNodes[0]];
      expect(demo.leaders[planted]).toContain(community.topNodes[0]);
    }
  });

  it('reports convergence, timings and every phase', () => {
    expect(scores.convergence.pagerank.converged).toBe(true);
    expect(scores.convergence.hits.converged).toBe(true);
    expect(scores.timings.total).toBeGreaterThan(0);
    expect(phases).toEqual([
      'build',
      'reach',
      'pagerank',
      'hits',
      'coreness',
      'communities',
      'audience',
      'betweenness',
      'score',
    ]);
  });

  it('scores in 0..100 and explains the top account', () => {
    for (const s of scores.score) expect(s >= 0 && s <= 100).toBe(true);
    const best = ranking(scores)[0];
    const rows = explain(scores, best);
    expect(rows.reduce((sum, r) => sum + r.contribution, 0)).toBeCloseTo(scores.score[best], 9);
  });

  it('returns only typed arrays and plain data, so it crosses a worker boundary', () => {
    const copy = structuredClone(scores);
    expect(copy.score).toBeInstanceOf(Float64Array);
    expect(copy.community).toBeInstanceOf(Int32Array);
    expect(copy).toEqual(scores);
  });

  it('is reproducible with the same seed', () => {
    const again = scoreNiche(demo, { rng: seededRng(1) });
    expect(Array.from(again.score)).toEqual(Array.from(scores.score));
  });
});

describe('scoreNiche edge cases', () => {
  it('handles an empty graph, a single account and accounts with zero followers', () => {
    const empty = scoreNiche({ nodeCount: 0, sources: new Int32Array(0), targets: new Int32Array(0) });
    expect(empty.score.length).toBe(0);
    expect(empty.communities).toEqual([]);
    const single = scoreNiche({ nodeCount: 1, sources: new Int32Array(0), targets: new Int32Array(0) });
    expect(single.score.length).toBe(1);
    const lonely = scoreNiche({
      nodeCount: 3,
      sources: Int32Array.of(0, 1, 2, 2),
      targets: Int32Array.of(1, 0, 2, 2),
    });
    expect(lonely.selfLoops).toBe(2);
    expect(lonely.inDegree[2]).toBe(0);
    expect(lonely.score[2]).toBeLessThan(lonely.score[0]);
  });

  it('rejects arrays of the wrong length and unknown ids, naming the problem', () => {
    const base = { nodeCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(1) };
    expect(() => scoreNiche({ ...base, platformFollowers: new Float64Array(3) })).toThrow(
      /platformFollowers has 3 entries but nodeCount is 2/,
    );
    expect(() => scoreNiche({ ...base, targets: Int32Array.of(7) })).toThrow(GraphError);
  });

  it('stops with an aborted error when the signal fires', () => {
    const controller = new AbortController();
    const demo = plantedCommunities({ rng: seededRng(3), communities: 2, communitySize: 100 });
    const run = () =>
      scoreNiche(demo, {
        signal: controller.signal,
        onProgress: (phase) => {
          if (phase === 'pagerank') controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ code: 'aborted' }));
  });
});

describe('scoreNicheAsync', () => {
  const demo = plantedCommunities({ rng: seededRng(11), communities: 3, communitySize: 200 });
  const serial = scoreNiche(demo, { rng: seededRng(1), betweennessSamples: 64 });

  // Same bits, not merely close: a niche scored twice must rank its accounts the same
  // way whether the server had one core free or two.
  function expectSameScores(parallel: NicheScores) {
    expect(parallel.betweennessSources).toBe(serial.betweennessSources);
    expect(Array.from(parallel.betweenness)).toEqual(Array.from(serial.betweenness));
    expect(Array.from(parallel.score)).toEqual(Array.from(serial.score));
    expect(Array.from(parallel.community)).toEqual(Array.from(serial.community));
  }

  it('shares betweenness sources with an injected executor and gets the serial result', async () => {
    const claimed: number[] = [];
    const executor: BetweennessExecutor = async (task) => {
      await Promise.resolve(); // runs after the calling thread has started claiming
      const partial = new Float64Array(task.csr.nodeCount);
      claimed.push(
        accumulateBetweennessShared(task.csr, task.sources, task.counter, task.chunkSize, partial),
      );
      return [partial];
    };
    expectSameScores(await scoreNicheAsync(demo, { rng: seededRng(1), betweennessSamples: 64, executor }));
    expect(claimed).toHaveLength(1);
  });

  it('lets a helper stop claiming, the calling thread taking the rest, with the same bits', async () => {
    let helperTook = -1;
    const executor: BetweennessExecutor = async (task) => {
      // Runs first, before the calling thread starts: three claims, then it stops.
      let asked = 0;
      const partial = new Float64Array(task.csr.nodeCount);
      helperTook = accumulateBetweennessShared(
        task.csr,
        task.sources,
        task.counter,
        task.chunkSize,
        partial,
        {
          keepClaiming: () => ++asked <= 3,
        },
      );
      return [partial];
    };
    expectSameScores(await scoreNicheAsync(demo, { rng: seededRng(1), betweennessSamples: 64, executor }));
    expect(helperTook).toBe(6); // three chunks of 2 sources; the calling thread did the other 58
  });

  it('gives the same bits however the sources are split between threads', async () => {
    // Three "threads" that steal uneven runs of chunks before the caller takes the rest.
    const executor: BetweennessExecutor = async (task) => {
      const quantum = betweennessQuantum(task.csr.nodeCount, task.sources.length);
      const partials = [0, 1, 2].map(() => new Float64Array(task.csr.nodeCount));
      for (let round = 0; round < 3; round++) {
        for (const [t, partial] of partials.entries()) {
          const start = Atomics.add(task.counter, 0, 1 + t) * task.chunkSize;
          const end = start + (1 + t) * task.chunkSize;
          const chunk = task.sources.subarray(Math.min(start, task.sources.length), end);
          accumulateBetweenness(task.csr, chunk, partial, { quantum });
        }
      }
      return partials;
    };
    const split = await scoreNicheAsync(demo, { rng: seededRng(1), betweennessSamples: 64, executor });
    expectSameScores(split);
  });

  it('gives the same scores with one, two and three threads of the worker_threads pool', async () => {
    for (const workers of [1, 2]) {
      const pool = createWorkerPool(workers);
      try {
        const parallel = await scoreNicheAsync(demo, {
          rng: seededRng(1),
          betweennessSamples: 64,
          executor: pool.betweenness,
          chunkSize: 1,
        });
        expectSameScores(parallel);
      } finally {
        await pool.close();
      }
    }
  });
});
