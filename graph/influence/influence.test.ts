import { describe, expect, it } from 'vitest';
import {
  audienceQuality,
  buildCsr,
  explain,
  GraphError,
  nicheAffinity,
  percentileRanks,
  scoreNiche,
  seededRng,
} from '../index.ts';

/**
 * A niche of 500 accounts inside a crawl of 5,500. A celebrity is followed by
 * 400 niche accounts and 4,500 outsiders; a niche blogger by 300 niche
 * accounts and 20 outsiders; everyone else follows 5 random accounts.
 */
function celebrityVersusBlogger() {
  const rng = seededRng(77);
  const nodeCount = 5502;
  const celebrity = 5500;
  const blogger = 5501;
  const audience = new Uint8Array(nodeCount);
  for (let v = 0; v < 500; v++) audience[v] = 1;
  const sources: number[] = [];
  const targets: number[] = [];
  const follow = (a: number, b: number) => {
    sources.push(a);
    targets.push(b);
  };
  for (let v = 0; v < 400; v++) follow(v, celebrity);
  for (let v = 500; v < 5000; v++) follow(v, celebrity);
  for (let v = 100; v < 400; v++) follow(v, blogger);
  for (let v = 5000; v < 5020; v++) follow(v, blogger);
  for (let v = 0; v < 5500; v++) for (let k = 0; k < 5; k++) follow(v, Math.floor(rng() * 5500));
  return {
    nodeCount,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    audience,
    celebrity,
    blogger,
  };
}

describe('niche affinity', () => {
  const g = celebrityVersusBlogger();

  it('puts a niche blogger above a celebrity everyone follows', () => {
    const csr = buildCsr(g.nodeCount, g.sources, g.targets);
    const { affinity, nicheFollowers } = nicheAffinity(csr, { audience: g.audience });
    expect(nicheFollowers[g.celebrity]).toBeGreaterThan(nicheFollowers[g.blogger]);
    expect(affinity[g.blogger]).toBeGreaterThan(0.8);
    expect(affinity[g.celebrity]).toBeLessThan(0.1);
  });

  it('uses platform follower counts when no audience is given', () => {
    const csr = buildCsr(g.nodeCount, g.sources, g.targets);
    const platformFollowers = new Float64Array(g.nodeCount).fill(Number.NaN);
    platformFollowers[g.celebrity] = 40_000_000;
    platformFollowers[g.blogger] = 900;
    const { affinity } = nicheAffinity(csr, { platformFollowers });
    expect(affinity[g.blogger]).toBeGreaterThan(100 * affinity[g.celebrity]);
  });

  it('shrinks tiny audiences towards the niche-wide share', () => {
    const csr = buildCsr(3, Int32Array.of(0, 1), Int32Array.of(2, 2));
    const audience = Uint8Array.of(1, 1, 0);
    const platformFollowers = Float64Array.of(Number.NaN, Number.NaN, 2);
    const { affinity, baseline } = nicheAffinity(csr, { audience, platformFollowers, priorStrength: 20 });
    expect(baseline).toBe(1);
    expect(affinity[2]).toBeCloseTo(1, 12);
  });

  it('makes the blogger the opinion leader of the niche with default weights', () => {
    const scores = scoreNiche(g, { rng: seededRng(1) });
    expect(scores.score[g.blogger]).toBeGreaterThan(scores.score[g.celebrity]);
    const rows = explain(scores, g.celebrity);
    const affinityRow = rows.find((r) => r.component === 'nicheAffinity')!;
    expect(affinityRow.percentile).toBeLessThan(0.6);
  });
});

describe('audience quality', () => {
  it('flags followers that look bought and explains the share', () => {
    // Account 0 is followed by 4 bots and 1 real account; account 1 by 3 real accounts.
    const n = 10;
    const csr = buildCsr(n, Int32Array.of(2, 3, 4, 5, 6, 7, 8, 9), Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1));
    const bot = (v: number) => v >= 2 && v <= 5;
    const profile = {
      postsCount: Float64Array.from({ length: n }, (_, v) => (bot(v) ? 0 : 120)),
      followsCount: Float64Array.from({ length: n }, (_, v) => (bot(v) ? 4000 : 300)),
      followersCount: Float64Array.from({ length: n }, (_, v) => (bot(v) ? 3 : 280)),
      accountAgeDays: Float64Array.from({ length: n }, (_, v) => (bot(v) ? 5 : 900)),
      hasAvatar: Uint8Array.from({ length: n }, (_, v) => (bot(v) ? 0 : 1)),
      hasBio: Uint8Array.from({ length: n }, (_, v) => (bot(v) ? 0 : 255)),
    };
    const result = audienceQuality(csr, profile);
    expect(result.quality[0]).toBeCloseTo(0.2, 12);
    expect(result.inauthenticFollowers[0]).toBe(4);
    expect(result.quality[1]).toBe(1);
    expect(result.suspicion[2]).toBe(1);
    expect(result.quality[2]).toBeNaN(); // no followers, nothing to judge
  });

  it('is unknown (NaN) without profile data, and left out of the score', () => {
    const csr = buildCsr(2, Int32Array.of(0), Int32Array.of(1));
    expect(audienceQuality(csr, {}).quality[1]).toBeNaN();
  });
});

describe('composite score and explanation', () => {
  it('gives mid-rank percentiles to ties', () => {
    expect(Array.from(percentileRanks(Float64Array.of(3, 1, 2)))).toEqual([1, 0, 0.5]);
    expect(Array.from(percentileRanks(Float64Array.of(0, 0, 5)))).toEqual([0.25, 0.25, 1]);
    expect(percentileRanks(Float64Array.of(Number.NaN, 1))[0]).toBeNaN();
  });

  const g = celebrityVersusBlogger();
  const scores = scoreNiche(g, { rng: seededRng(1), weights: { hubs: 0.1 } });

  it('explains every score: contributions add up to it', () => {
    for (const node of [0, 17, g.blogger, g.celebrity]) {
      const rows = explain(scores, node);
      expect(rows.map((r) => r.component)).toEqual(scores.components);
      const total = rows.reduce((s, r) => s + r.contribution, 0);
      expect(total).toBeCloseTo(scores.score[node], 9);
      expect(rows.find((r) => r.component === 'audienceQuality')!.weight).toBe(0);
      expect(rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 12);
    }
  });

  it('rejects NaN, negative and unknown weights with a typed error naming the problem', () => {
    const attempt = (weights: Record<string, number>) => () => scoreNiche(g, { weights });
    expect(attempt({ pagerank: Number.NaN })).toThrow(/weight of "pagerank" must be a finite number/);
    expect(attempt({ reach: -1 })).toThrow(GraphError);
    expect(attempt({ followers: 1 })).toThrow(/unknown component "followers"/);
    try {
      attempt({ pagerank: Number.NaN })();
    } catch (error) {
      expect((error as GraphError).code).toBe('invalid-weight');
    }
  });

  it('leaves a component with no data, or the same value for all, out of the niche and spreads its weight', () => {
    // No platform follower counts, no profiles, no audience: as in an imported edge list.
    const plain = scoreNiche(
      { nodeCount: g.nodeCount, sources: g.sources, targets: g.targets },
      { rng: seededRng(1) },
    );
    expect(plain.excluded).toEqual({
      platformFollowers: 'no-data',
      audienceQuality: 'no-data',
      nicheAffinity: 'same-for-all',
    });
    expect(plain.weights.platformFollowers).toBe(0);
    expect(plain.weights.nicheAffinity).toBe(0);
    const rows = explain(plain, g.blogger);
    expect(rows.find((r) => r.component === 'nicheAffinity')).toMatchObject({ weight: 0, contribution: 0 });
    expect(rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 12);
    // With an audience, niche affinity tells accounts apart and counts.
    expect(scores.excluded).toEqual({ platformFollowers: 'no-data', audienceQuality: 'no-data' });
  });

  it('keeps the weights of a graph with nothing to rank by', () => {
    const single = scoreNiche({ nodeCount: 1, sources: new Int32Array(0), targets: new Int32Array(0) });
    expect(single.excluded).toEqual({});
  });

  it('names an unknown account in explain', () => {
    expect(() => explain(scores, g.nodeCount)).toThrow(/unknown node 5502/);
  });
});
