/**
 * Campaign planning on graphs small enough for the exact answer: every
 * live-edge world is enumerated (Kempe et al. 2003's equivalence), so the
 * best set's spread is known exactly and the planner's pick can be held to
 * the guarantee it states.
 */
import { describe, expect, it } from 'vitest';
import {
  type InfluenceGraph,
  learnedCascade,
  type PlanResult,
  planSeeds,
  rankingBaseline,
  simulateSpread,
  spreadCurve,
  uniformCascade,
  weightedCascade,
} from '../index.ts';
import { csrOf, TWO_AUDIENCES } from './small-graphs.fixture.ts';

/** Exact expected spread of every set, by enumerating the 2^m live-edge worlds. */
function exactSpreads(graph: InfluenceGraph): (set: number[]) => number {
  const { nodeCount: n, edgeCount: m, offsets, targets, probabilities } = graph;
  const from = new Int32Array(m);
  for (let v = 0; v < n; v++) for (let i = offsets[v]; i < offsets[v + 1]; i++) from[i] = v;
  const worlds: { p: number; reach: Int32Array }[] = [];
  for (let mask = 0; mask < 2 ** m; mask++) {
    let p = 1;
    for (let i = 0; i < m; i++) p *= mask & (1 << i) ? probabilities[i] : 1 - probabilities[i];
    if (p === 0) continue;
    const reach = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      let seen = 1 << s;
      const stack = [s];
      while (stack.length) {
        const v = stack.pop()!;
        for (let i = offsets[v]; i < offsets[v + 1]; i++) {
          if (mask & (1 << i) && !(seen & (1 << targets[i]))) {
            seen |= 1 << targets[i];
            stack.push(targets[i]);
          }
        }
      }
      reach[s] = seen;
    }
    worlds.push({ p, reach });
  }
  return (set) => {
    let total = 0;
    for (const { p, reach } of worlds) {
      let union = 0;
      for (const v of set) union |= reach[v];
      let bits = 0;
      for (let x = union; x; x &= x - 1) bits++;
      total += p * bits;
    }
    return total;
  };
}

function subsets(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  const out: number[][] = [];
  const walk = (start: number, set: number[]) => {
    if (set.length === size) out.push([...set]);
    else for (let v = start; v < n; v++) walk(v + 1, [...set, v]);
  };
  walk(0, []);
  return out;
}

const FOLLOWS = TWO_AUDIENCES; // two small audiences around 0 and 5, a bridge 3 → 6

const withoutTimings = (plan: PlanResult) => ({ ...plan, timings: undefined });

describe('planning against the exact optimum', () => {
  const models = [
    ['weighted cascade', weightedCascade(csrOf(12, FOLLOWS)), [1, 2, 3]],
    ['uniform p = 0.4', uniformCascade(csrOf(12, FOLLOWS), { probability: 0.4 }), [2]],
  ] as const;

  for (const [name, graph, ks] of models) {
    it(`picks k accounts within the stated guarantee (${name})`, async () => {
      const spread = exactSpreads(graph);
      for (const k of ks) {
        const started = performance.now();
        const best = Math.max(...subsets(12, k).map(spread));
        const plan = await planSeeds(graph, { k, epsilon: 0.1, seed: 11 });
        const got = spread(Array.from(plan.nodes));
        expect(plan.nodes).toHaveLength(k);
        expect(got).toBeGreaterThanOrEqual(plan.guarantee.approximation * best);
        expect(got).toBeGreaterThanOrEqual(plan.guarantee.certifiedRatio * best - 1e-9);
        expect(plan.guarantee.spreadLowerBound).toBeLessThanOrEqual(got);
        expect(plan.guarantee.optimumUpperBound).toBeGreaterThanOrEqual(best);
        // On graphs this small greedy is in fact optimal or within a few percent.
        expect(got).toBeGreaterThan(0.95 * best);
        expect(Math.abs(plan.estimatedSpread - got)).toBeLessThan(0.05 * got);
        console.info(
          `${name} k=${k}: ${(performance.now() - started).toFixed(0)} ms, plan ${got.toFixed(3)} vs best ${best.toFixed(3)}`,
        );
      }
    });
  }

  it('keeps fixed accounts and a budget, within ½(1 − 1/e) − ε of the best affordable set', async () => {
    const graph = weightedCascade(csrOf(12, FOLLOWS));
    const spread = exactSpreads(graph);
    const costs = Float64Array.from({ length: 12 }, (_, v) => [4, 1, 1, 2, 1, 5, 1, 1, 1, 6, 1, 1][v]);
    const budget = 9;
    let best = 0;
    for (let size = 0; size <= 6; size++) {
      for (const set of subsets(12, size)) {
        const all = [...new Set([1, ...set])];
        if (all.reduce((sum, v) => sum + costs[v], 0) <= budget) best = Math.max(best, spread(all));
      }
    }
    const plan = await planSeeds(graph, { budget, costs, fixed: [1], epsilon: 0.05, seed: 2 });
    expect(plan.picks[0]).toMatchObject({ node: 1, fixed: true, cost: 1 });
    expect(plan.totalCost).toBeLessThanOrEqual(budget);
    const got = spread(Array.from(plan.nodes));
    expect(plan.guarantee.kind).toBe('budget');
    expect(plan.guarantee.approximation).toBeCloseTo((1 - 1 / Math.E) / 2 - 0.05, 12);
    expect(got).toBeGreaterThanOrEqual(plan.guarantee.approximation * best);
    expect(got).toBeGreaterThanOrEqual(plan.guarantee.certifiedRatio * best - 1e-9);
    expect(plan.guarantee.text).toMatch(/greedy won|best single account won/);
    console.info(`budget ${budget}: plan ${got.toFixed(3)} vs best ${best.toFixed(3)}`, plan.guarantee.text);
  });

  it('estimates spread by Monte Carlo within its confidence interval', () => {
    const graph = uniformCascade(csrOf(12, FOLLOWS), { probability: 0.4 });
    const exact = exactSpreads(graph)([0, 9]);
    const mc = simulateSpread(graph, [0, 9], { runs: 100_000, seed: 4 });
    expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.standardError);
    expect(mc.ci95[0]).toBeLessThan(mc.mean);
  });

  it('simulates a celebrity with hundreds of followers exactly in expectation', () => {
    // 400 followers of account 0; follower u also follows (u mod 9) small accounts, so p = 1 / (1 + u mod 9).
    const follows: [number, number][] = [];
    let expected = 1;
    for (let u = 1; u <= 400; u++) {
      follows.push([u, 0]);
      for (let j = 0; j < u % 9; j++) follows.push([u, 401 + j]);
      expected += 1 / (1 + (u % 9));
    }
    const mc = simulateSpread(weightedCascade(csrOf(410, follows)), [0], { runs: 20_000, seed: 8 });
    expect(Math.abs(mc.mean - expected)).toBeLessThan(4 * mc.standardError);
  });

  it('gives the same plan for the same seed, and reports each phase', async () => {
    const graph = weightedCascade(csrOf(12, FOLLOWS));
    const phases = new Set<string>();
    const a = await planSeeds(graph, { k: 3, seed: 5, onProgress: (p) => phases.add(p.phase) });
    const b = await planSeeds(graph, { k: 3, seed: 5 });
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
    // Without fees the cost is unknown, not zero.
    expect(a.totalCost).toBeNull();
    expect(a.picks[0].cost).toBeNull();
    expect([...phases]).toEqual(['estimate', 'sample', 'select', 'validate']);
    const c = await planSeeds(graph, { k: 3, seed: 5, algorithm: 'opim-c' });
    expect(c.guarantee.text).toContain('OPIM-C');
  });

  it('draws a non-decreasing curve of diminishing returns and ranks baselines by the same budget', () => {
    const graph = weightedCascade(csrOf(12, FOLLOWS));
    const curve = spreadCurve(graph, { budgets: [1, 2, 3, 4, 5], rrSets: 20_000, seed: 3 });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].spread).toBeGreaterThanOrEqual(curve[i - 1].spread);
      if (i > 1)
        expect(curve[i].spread - curve[i - 1].spread).toBeLessThanOrEqual(
          curve[i - 1].spread - curve[i - 2].spread + 1e-9,
        );
    }
    const costs = Float64Array.from({ length: 12 }, (_, v) => (v === 9 ? 10 : 2));
    const baseline = rankingBaseline(graph, [9, 0, 5, 3], { budget: 5, costs, rrSets: 10_000 });
    expect(Array.from(baseline.nodes)).toEqual([0, 5]); // 9 is too dear, 3 no longer fits
    expect(baseline.totalCost).toBe(4);
  });
});

describe('learned probabilities (Goyal et al. 2010)', () => {
  it('estimates A(v→u)/A(v) from reshares and falls back to weighted cascade elsewhere', () => {
    // 1 and 2 follow 0; 2 also follows 3.
    const csr = csrOf(4, [
      [1, 0],
      [2, 0],
      [2, 3],
    ]);
    const post = (i: number, reshares: [number, number | null][]) =>
      reshares.map(([account, parentAccount], t) => ({ account, parentAccount, time: i * 100 + t }));
    const graph = learnedCascade(csr, [
      post(0, [
        [0, null],
        [1, 0],
      ]),
      post(1, [
        [0, null],
        [2, null],
      ]), // no parent named: credit to the followed account that posted earlier
      post(2, [[0, null]]),
      post(3, [
        [0, null],
        [1, 0],
        [1, 0],
      ]), // the repeat counts once
    ]);
    const p = (from: number, to: number) => {
      for (let i = graph.offsets[from]; i < graph.offsets[from + 1]; i++) {
        if (graph.targets[i] === to) return graph.probabilities[i];
      }
      return Number.NaN;
    };
    expect(p(0, 1)).toBeCloseTo(2 / 4, 12);
    expect(p(0, 2)).toBeCloseTo(1 / 4, 12);
    expect(p(3, 2)).toBeCloseTo(1 / 2, 12); // 3 never acted: 1 / (accounts 2 follows)
    expect(graph.learnedEdges).toBe(2);
    expect(graph.model).toBe('learned');
  });
});
