/**
 * Murmur graph/plan/plan-options
 * ==============================
 *
 * Validates planner options once and resolves them into what the algorithms
 * need: the mode (k accounts or a budget), picks or budget left after the
 * fixed accounts, candidates, and the most accounts a budget can buy.
 * Every refusal is a PlanError whose code the server maps to an API error.
 */
import { PlanError } from './plan.errors.ts';
import type { InfluenceGraph, PlanAlgorithm, PlanOptions } from './plan.types.ts';

export const PLAN_DEFAULTS = {
  algorithm: 'imm' as PlanAlgorithm,
  epsilon: 0.1,
  ell: 1,
  seed: 1,
  /** About 1 GB of RR sets at 10 entries each, with the inverted index. */
  maxRRSets: 25_000_000,
};

export type ResolvedPlan = {
  n: number;
  mode: 'cardinality' | 'budget';
  /** Picks after the fixed accounts (cardinality). */
  maxPicks: number | null;
  /** Budget after the fixed accounts' fees (budget). */
  budgetLeft: number | null;
  costs: Float64Array | null;
  eligible: Uint8Array | null;
  fixed: number[];
  fixedCost: number;
  /** Eligible accounts not fixed. */
  candidates: number;
  /** Most accounts that can be added: maxPicks, or how many of the cheapest candidates the budget pays. */
  kMax: number;
  algorithm: PlanAlgorithm;
  epsilon: number;
  ell: number;
  delta: number;
  seed: number;
  maxRRSets: number;
};

const WHERE = 'murmur/graph/plan';

function fail(code: ConstructorParameters<typeof PlanError>[0], message: string): never {
  throw new PlanError(code, `${WHERE}: ${message}`);
}

function resolveFixed(fixedInput: ArrayLike<number> | undefined, n: number): number[] {
  const fixed: number[] = [];
  const seen = new Set<number>();
  for (const v of Array.from(fixedInput ?? [])) {
    if (!Number.isInteger(v) || v < 0 || v >= n)
      fail('node-out-of-range', `fixed account ${v} is not a node`);
    if (!seen.has(v)) fixed.push(v);
    seen.add(v);
  }
  return fixed;
}

function resolveCosts(costs: Float64Array | undefined, n: number, needed: boolean): Float64Array | null {
  if (!costs) {
    if (needed) fail('invalid-costs', 'a budget needs costs (one fee per account)');
    return null;
  }
  if (costs.length !== n) fail('invalid-costs', `costs has ${costs.length} entries, the graph ${n} accounts`);
  for (let v = 0; v < n; v++) {
    if (!(Number.isFinite(costs[v]) && costs[v] >= 0)) {
      fail('invalid-costs', `fee of account ${v} must be finite and >= 0, got ${costs[v]}`);
    }
  }
  return costs;
}

/**
 * @example
 * const plan = resolvePlan(graph, { budget: 5000, costs, fixed: [12] });
 * plan.budgetLeft; // 5000 minus account 12's fee
 */
export function resolvePlan(graph: InfluenceGraph, options: PlanOptions): ResolvedPlan {
  const o = { ...PLAN_DEFAULTS, ...options };
  const n = graph.nodeCount;
  const hasK = options.k !== undefined;
  const hasBudget = options.budget !== undefined;
  if (hasK === hasBudget) fail('invalid-option', 'give exactly one of k and budget');
  if (hasBudget && !(options.budget! >= 0))
    fail('negative-budget', `budget must be >= 0, got ${options.budget}`);
  if (hasK && !(Number.isInteger(options.k) && options.k! >= 1)) {
    fail('invalid-k', `k must be an integer >= 1, got ${options.k}`);
  }
  if (o.algorithm !== 'imm' && o.algorithm !== 'opim-c')
    fail('invalid-option', `unknown algorithm ${o.algorithm}`);
  if (!(o.epsilon > 0 && o.epsilon < 1))
    fail('invalid-option', `epsilon must be in (0, 1), got ${o.epsilon}`);
  if (!(o.ell > 0)) fail('invalid-option', `ell must be > 0, got ${o.ell}`);
  const delta = options.delta ?? 1 / Math.max(n, 2);
  if (!(delta > 0 && delta < 1)) fail('invalid-option', `delta must be in (0, 1), got ${delta}`);
  if (!Number.isInteger(o.seed)) fail('invalid-option', `seed must be an integer, got ${o.seed}`);
  if (!(Number.isInteger(o.maxRRSets) && o.maxRRSets >= 1)) {
    fail('invalid-option', `maxRRSets must be an integer >= 1, got ${o.maxRRSets}`);
  }
  const eligible = options.eligible ?? null;
  if (eligible && eligible.length !== n) {
    fail('invalid-input', `eligible has ${eligible.length} entries, the graph ${n} accounts`);
  }
  const costs = resolveCosts(options.costs, n, hasBudget);
  const fixed = resolveFixed(options.fixed, n);
  const isFixed = new Uint8Array(n);
  let fixedCost = 0;
  for (const v of fixed) {
    isFixed[v] = 1;
    fixedCost += costs ? costs[v] : 1;
  }
  const fees: number[] = [];
  for (let v = 0; v < n; v++) if (!isFixed[v] && (!eligible || eligible[v])) fees.push(costs ? costs[v] : 1);
  const base = {
    n,
    costs,
    eligible,
    fixed,
    fixedCost,
    candidates: fees.length,
    algorithm: o.algorithm,
    epsilon: o.epsilon,
    ell: o.ell,
    delta,
    seed: o.seed,
    maxRRSets: o.maxRRSets,
  };

  if (hasK) {
    const maxPicks = options.k! - fixed.length;
    if (maxPicks < 0) fail('invalid-k', `k = ${options.k} is fewer than the ${fixed.length} fixed accounts`);
    if (maxPicks > 0 && fees.length === 0) fail('no-eligible-accounts', 'no eligible account to pick');
    return {
      ...base,
      mode: 'cardinality',
      maxPicks,
      budgetLeft: null,
      kMax: Math.min(maxPicks, fees.length),
    };
  }
  if (fees.length === 0) fail('no-eligible-accounts', 'no eligible account to pick');
  const budgetLeft = options.budget! - fixedCost;
  if (budgetLeft < 0) {
    fail(
      'budget-below-fees',
      `budget ${options.budget} does not cover the fixed accounts' fees (${fixedCost})`,
    );
  }
  fees.sort((a, b) => a - b);
  if (fees[0] > budgetLeft) {
    fail(
      'budget-below-fees',
      `budget left (${budgetLeft}) is below every eligible fee (cheapest ${fees[0]})`,
    );
  }
  let kMax = 0;
  let spent = 0;
  while (kMax < fees.length && spent + fees[kMax] <= budgetLeft) spent += fees[kMax++];
  return { ...base, mode: 'budget', maxPicks: null, budgetLeft, kMax };
}
