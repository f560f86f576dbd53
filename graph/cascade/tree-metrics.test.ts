import { describe, expect, it } from 'vitest';
import { cascadeMetrics, GraphError, seededRng, structuralVirality, wienerIndex } from '../index.ts';

const star = (n: number) => Int32Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0));
const chain = (n: number) => Int32Array.from({ length: n }, (_, i) => i - 1);

/** The paper's definition, literally: breadth-first search from every node, mean over pairs. */
function bruteForceVirality(parent: Int32Array): number {
  const n = parent.length;
  const adjacent: number[][] = Array.from({ length: n }, () => []);
  parent.forEach((p, v) => {
    if (p >= 0) {
      adjacent[p].push(v);
      adjacent[v].push(p);
    }
  });
  let sum = 0;
  for (let s = 0; s < n; s++) {
    const distance = new Array(n).fill(-1);
    distance[s] = 0;
    const queue = [s];
    for (let h = 0; h < queue.length; h++) {
      for (const w of adjacent[queue[h]]) {
        if (distance[w] < 0) {
          distance[w] = distance[queue[h]] + 1;
          queue.push(w);
        }
      }
    }
    for (let t = s + 1; t < n; t++) sum += distance[t];
  }
  return sum / ((n * (n - 1)) / 2);
}

describe('structural virality (Goel et al. 2016)', () => {
  it('scores a broadcast (a star of n nodes) 2(n − 1)/n, close to 2', () => {
    for (const n of [2, 3, 10, 1000, 100_000]) {
      expect(structuralVirality(star(n))).toBeCloseTo((2 * (n - 1)) / n, 12);
    }
    expect(structuralVirality(star(100_000))).toBeGreaterThan(1.9999);
  });

  it('scores a chain of n nodes (n + 1)/3', () => {
    for (const n of [2, 3, 4, 17, 5000]) expect(structuralVirality(chain(n))).toBeCloseTo((n + 1) / 3, 9);
  });

  it("reproduces Wiener's published path numbers for the hexane isomers (Wiener 1947, Table I)", () => {
    // Carbon skeletons as trees; W is the sum of distances between all carbon pairs.
    const hexanes: Array<[string, number[], number]> = [
      ['n-hexane', [-1, 0, 1, 2, 3, 4], 35],
      ['2-methylpentane', [-1, 0, 1, 2, 3, 1], 32],
      ['3-methylpentane', [-1, 0, 1, 2, 3, 2], 31],
      ['2,2-dimethylbutane', [-1, 0, 1, 2, 1, 1], 28],
      ['2,3-dimethylbutane', [-1, 0, 1, 2, 1, 2], 29],
    ];
    for (const [, parent, published] of hexanes) {
      expect(wienerIndex(Int32Array.from(parent))).toBe(published);
      expect(structuralVirality(Int32Array.from(parent))).toBeCloseTo(published / 15, 12);
    }
  });

  it('agrees with the all-pairs definition on a hand-drawn cascade and on random trees', () => {
    // root 0 broadcasts to 1, 2, 3; 3 is retweeted by 4 and 5; 5 by 6. Pairs 21; edge loads 1·6 + 1·6 + 4·3 + 1·6 + 2·5 + 1·6 = 46.
    const drawn = Int32Array.of(-1, 0, 0, 0, 3, 3, 5);
    expect(wienerIndex(drawn)).toBe(46);
    expect(structuralVirality(drawn)).toBeCloseTo(46 / 21, 12);
    const rng = seededRng(12);
    for (let t = 0; t < 20; t++) {
      const n = 2 + Math.floor(rng() * 60);
      // Random labelling, so parents are not always earlier indices.
      const label = Array.from({ length: n }, (_, i) => i).sort(() => rng() - 0.5);
      const parent = new Int32Array(n);
      for (let i = 0; i < n; i++) parent[label[i]] = i === 0 ? -1 : label[Math.floor(rng() * i)];
      expect(structuralVirality(parent)).toBeCloseTo(bruteForceVirality(parent), 9);
    }
  });

  it('is null for a post nobody reshared, and refuses a parent array that is not a tree', () => {
    expect(structuralVirality(Int32Array.of(-1))).toBeNull();
    expect(() => wienerIndex(Int32Array.of(-1, 2, 1))).toThrow(/cycle/);
    expect(() => wienerIndex(Int32Array.of(-1, -1))).toThrow(GraphError);
    expect(() => wienerIndex(Int32Array.of(0, 0))).toThrow(/not a node/);
  });
});

describe('cascade metrics', () => {
  const drawn = {
    parent: Int32Array.of(-1, 0, 0, 0, 3, 3, 5),
    times: Float64Array.of(100, 110, 130, 120, 150, 140, 400),
  };

  it('measures size, depth, breadth, time to half and word of mouth from the tree', () => {
    const m = cascadeMetrics(drawn);
    expect(m).toMatchObject({ size: 7, reshares: 6, depth: 3, maxBreadth: 3, maxBreadthDepth: 1 });
    expect(m.structuralVirality).toBeCloseTo(46 / 21, 12);
    // Reshare times sorted: 110 120 130 140 150 400 -> the 3rd of 6 is at 130, 30 after the post.
    expect(m.timeToHalf).toBe(30);
    expect(m.wordOfMouth).toEqual({ count: 3, share: 0.5, basis: 'tree' });
  });

  it("counts word of mouth as reshares by people outside the influencer's followers when they are known", () => {
    const accounts = ['inf', 'a', 'b', 'c', 'd', 'e', 'f'];
    const m = cascadeMetrics(drawn, { accounts, influencerFollowers: new Set(['a', 'b', 'c', 'e']) });
    expect(m.wordOfMouth).toEqual({ count: 2, share: 2 / 6, basis: 'followers' });
  });

  it('says unknown instead of zero when nothing was reshared or no times were given', () => {
    const alone = cascadeMetrics({ parent: Int32Array.of(-1), times: Float64Array.of(5) });
    expect(alone).toMatchObject({ size: 1, reshares: 0, depth: 0, maxBreadth: 0, structuralVirality: null });
    expect(alone.timeToHalf).toBeNull();
    expect(alone.wordOfMouth.share).toBeNull();
    expect(cascadeMetrics({ parent: chain(3) }).timeToHalf).toBeNull();
    expect(() => cascadeMetrics({ parent: chain(3), times: Float64Array.of(1) })).toThrow(
      /3 parents but 1 times/,
    );
  });
});
