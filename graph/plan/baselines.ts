/**
 * Murmur graph/plan/baselines
 * ===========================
 *
 * What the plan is compared with, on the same influence graph:
 * - `estimateSpread`: a set's expected reach from independent RR sets
 *   (Borgs et al. 2014), n · covered / θ with binomial standard error
 *   n · √(p(1 − p)/θ). Pass one stored collection `rr` to compare several
 *   sets on the same samples (a paired comparison: far less noise in the
 *   difference than two independent estimates).
 * - `rankingBaseline`: signing the top accounts of a ranking (followers,
 *   score) at the same k or budget — in ranking order, skipping accounts the
 *   rest of the budget cannot pay.
 * - `spreadCurve`: diminishing returns — greedy coverage (Nemhauser et al.
 *   1978; by gain per fee with costs) run once up to the largest step, each
 *   step reading the longest greedy prefix it can pay.
 */
import { greedyCoverage } from './coverage-greedy.ts';
import { checkAborted, PlanError } from './plan.errors.ts';
import type {
  BaselineOptions,
  BaselineResult,
  CurveOptions,
  CurvePoint,
  InfluenceGraph,
  SpreadEstimate,
} from './plan.types.ts';
import { countCoveredRRSets, sampleRRSets } from './rr-sets.ts';

export const BASELINE_DEFAULTS = { rrSets: 100_000, seed: 1 };

const WHERE = 'murmur/graph/plan/baselines';

/**
 * @example
 * estimateSpread(graph, [3, 17, 42], { rrSets: 100_000, seed: 9 }).mean;
 */
export function estimateSpread(
  graph: InfluenceGraph,
  seeds: ArrayLike<number>,
  options: Pick<BaselineOptions, 'rrSets' | 'seed' | 'rr' | 'signal'> = {},
): SpreadEstimate {
  const { seed, rr } = { ...BASELINE_DEFAULTS, ...options };
  const rrSets = rr ? rr.count : (options.rrSets ?? BASELINE_DEFAULTS.rrSets);
  const n = graph.nodeCount;
  const inSet = new Uint8Array(n);
  for (const v of Array.from(seeds)) {
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new PlanError('node-out-of-range', `${WHERE}: ${v} is not a node`);
    }
    inSet[v] = 1;
  }
  let covered = 0;
  if (rr) {
    if (rr.nodeCount !== n || rr.count === 0) {
      throw new PlanError('invalid-input', `${WHERE}: rr does not fit the graph`);
    }
    for (let s = 0; s < rr.count; s++) {
      for (let i = rr.offsets[s]; i < rr.offsets[s + 1]; i++) {
        if (inSet[rr.nodes[i]]) {
          covered++;
          break;
        }
      }
    }
  }
  const chunk = 1 << 16;
  for (let done = 0; !rr && done < rrSets; done += chunk) {
    checkAborted(options.signal, 'baselines');
    covered += countCoveredRRSets(graph, Math.min(chunk, rrSets - done), seed + done, inSet);
  }
  const p = covered / rrSets;
  const mean = n * p;
  const standardError = n * Math.sqrt((p * (1 - p)) / rrSets);
  return {
    mean,
    standardError,
    ci95: [mean - 1.96 * standardError, mean + 1.96 * standardError],
    runs: rrSets,
  };
}

/**
 * @example
 * const byFollowers = rankingBaseline(graph, nodesByFollowers, { budget: 5000, costs });
 * byFollowers.spread.mean; // compare with plan.estimatedSpread
 */
export function rankingBaseline(
  graph: InfluenceGraph,
  ranking: ArrayLike<number>,
  options: BaselineOptions,
): BaselineResult {
  const { k, budget, costs, eligible } = options;
  if ((k === undefined) === (budget === undefined)) {
    throw new PlanError('invalid-option', `${WHERE}: give exactly one of k and budget`);
  }
  if (budget !== undefined && !(budget >= 0))
    throw new PlanError('negative-budget', `${WHERE}: budget must be >= 0`);
  if (budget !== undefined && !costs) throw new PlanError('invalid-costs', `${WHERE}: a budget needs costs`);
  if (k !== undefined && !(Number.isInteger(k) && k >= 1))
    throw new PlanError('invalid-k', `${WHERE}: k must be >= 1`);
  const fee = (v: number) => (costs ? costs[v] : 1);
  const nodes = Array.from(new Set(Array.from(options.fixed ?? [])));
  const taken = new Set(nodes);
  let spent = nodes.reduce((sum, v) => sum + fee(v), 0);
  const limit = budget ?? k!;
  for (const v of Array.from(ranking)) {
    if (budget === undefined && nodes.length >= limit) break;
    if (taken.has(v) || (eligible && !eligible[v])) continue;
    const c = budget === undefined ? 1 : fee(v);
    if (budget !== undefined && spent + c > budget) continue;
    nodes.push(v);
    taken.add(v);
    spent += budget === undefined ? fee(v) : c;
  }
  const spread = estimateSpread(graph, nodes, options);
  return { nodes: Int32Array.from(nodes), totalCost: costs ? spent : nodes.length, spread };
}

/**
 * @example
 * spreadCurve(graph, { budgets: [1000, 2000, 4000], costs, rrSets: 50_000 });
 * // [{ budget: 1000, spread: 812.4, cost: 950, accounts: 3 }, …]
 */
export function spreadCurve(graph: InfluenceGraph, options: CurveOptions): CurvePoint[] {
  const { budgets, costs, eligible } = options;
  if (budgets.length === 0) return [];
  for (const b of budgets)
    if (!(b >= 0)) throw new PlanError('negative-budget', `${WHERE}: budget step ${b} < 0`);
  const rr = options.rr ?? sampleRRSets(graph, options.rrSets ?? BASELINE_DEFAULTS.rrSets, options.seed ?? 1);
  const fixed = Array.from(new Set(Array.from(options.fixed ?? [])));
  const fee = (v: number) => (costs ? costs[v] : 1);
  const fixedCost = fixed.reduce((sum, v) => sum + fee(v), 0);
  const top = Math.max(...budgets);
  options.onProgress?.({ phase: 'curve', done: 0, total: 1 });
  const greedy = greedyCoverage({
    rr,
    costs: costs ?? null,
    eligible: eligible ?? null,
    fixed,
    maxPicks: costs ? null : Math.max(0, top - fixed.length),
    budget: costs ? Math.max(0, top - fixedCost) : null,
    bestSingle: false,
    bound: false,
  });
  options.onProgress?.({ phase: 'curve', done: 1, total: 1 });
  const scale = graph.nodeCount / rr.count;
  const base = greedy.fixedGains.reduce((a, b) => a + b, 0);
  return budgets.map((budget) => {
    let covered = base;
    let cost = fixedCost;
    let accounts = fixed.length;
    for (let i = 0; i < greedy.picks.length; i++) {
      const c = fee(greedy.picks[i]);
      if (cost + c > budget) break;
      cost += c;
      covered += greedy.gains[i];
      accounts++;
    }
    return { budget, spread: covered * scale, cost: costs ? cost : accounts, accounts };
  });
}
