/**
 * Murmur graph/plan/plan-seeds
 * ============================
 *
 * Which accounts to sign so a post reaches the most people under the
 * independent-cascade model: IMM (Tang, Shi & Xiao, SIGMOD 2015) or OPIM-C
 * (Tang, Tang, Xiao & Yuan, SIGMOD 2018) to decide how many RR sets,
 * greedy coverage for k accounts (Nemhauser et al. 1978) or fee-aware
 * greedy against the best single account for a budget (Khuller, Moss & Naor
 * 1999; Nguyen & Zheng 2013), and an OPIM-C certificate from an independent
 * RR collection: "at least X % of the best possible, with probability 1 − δ".
 *
 * The reported spread and each pick's marginal gain come from the
 * independent validation collection, not the sets the picks were chosen
 * from, so they carry no selection bias.
 */
import { greedyCoverage } from './coverage-greedy.ts';
import { immPlan, logCandidateSets } from './imm.ts';
import { opimPlan } from './opim-c.ts';
import type { InfluenceGraph, PlanGuarantee, PlanOptions, PlanPick, PlanResult } from './plan.types.ts';
import type { PlanContext } from './plan-context.ts';
import { planGuaranteeText } from './plan-guarantee.ts';
import { resolvePlan } from './plan-options.ts';
import { localExecutor } from './plan-sampling.ts';

export { PLAN_DEFAULTS } from './plan-options.ts';

/**
 * @example
 * const graph = weightedCascade(buildCsr(n, sources, targets));
 * const plan = await planSeeds(graph, { k: 20, epsilon: 0.1, seed: 7, eligible });
 * plan.picks;     // [{ node, cost, marginalGain, cumulativeSpread, fixed }]
 * plan.guarantee; // { approximation, certifiedRatio, certifiedDelta, text, … }
 */
export async function planSeeds(graph: InfluenceGraph, options: PlanOptions): Promise<PlanResult> {
  const started = performance.now();
  const plan = resolvePlan(graph, options);
  const byK = plan.mode === 'cardinality';
  const gamma = byK ? 1 - 1 / Math.E : (1 - 1 / Math.E) / 2;
  const ctx: PlanContext = {
    run: { graph, executor: options.executor ?? localExecutor, seed: plan.seed, options },
    plan,
    gamma,
    logSets: logCandidateSets(plan.candidates, plan.kMax, byK),
    select: (rr, bound) =>
      greedyCoverage({
        rr,
        costs: plan.costs,
        eligible: plan.eligible,
        fixed: plan.fixed,
        maxPicks: plan.maxPicks,
        budget: plan.budgetLeft,
        bestSingle: !byK,
        bound,
      }),
  };
  const algorithm = options.algorithm ?? plan.algorithm;
  const outcome = algorithm === 'opim-c' ? await opimPlan(ctx) : await immPlan(ctx);
  const { chosen, counts, certificate } = outcome;

  const n = plan.n;
  const scale = n / outcome.validationSets;
  const fee = (v: number) => (plan.costs ? plan.costs[v] : null);
  const order = [...plan.fixed, ...chosen.picks];
  const picks: PlanPick[] = [];
  let cumulative = 0;
  order.forEach((node, r) => {
    const marginalGain = counts[r] * scale;
    cumulative += marginalGain;
    picks.push({
      node,
      cost: fee(node),
      marginalGain,
      cumulativeSpread: cumulative,
      fixed: r < plan.fixed.length,
    });
  });
  const base: Omit<PlanGuarantee, 'text'> = {
    kind: plan.mode,
    approximation: Math.max(0, gamma - plan.epsilon),
    probability: algorithm === 'opim-c' ? 1 - plan.delta : 1 - 1 / Math.max(n, 2) ** plan.ell,
    selectedBy: chosen.selectedBy,
    certifiedRatio: certificate.ratio,
    certifiedDelta: certificate.delta,
    spreadLowerBound: certificate.lowerBound,
    optimumUpperBound: Math.min(n, certificate.upperBound),
    capped: outcome.capped,
  };
  return {
    model: graph.model,
    algorithm,
    nodeCount: n,
    picks,
    nodes: Int32Array.from(order),
    totalCost: plan.costs ? picks.reduce((sum, p) => sum + (p.cost ?? 0), 0) : null,
    estimatedSpread: cumulative,
    selectionSpread: (chosen.covered * n) / outcome.selectionSets,
    guarantee: { ...base, text: planGuaranteeText(base, plan.epsilon, algorithm) },
    rrSets: {
      estimation: outcome.estimationSets,
      selection: outcome.selectionSets,
      validation: outcome.validationSets,
      averageSize: outcome.averageSize,
    },
    epsilon: plan.epsilon,
    seed: plan.seed,
    timings: { ...outcome.timings, total: performance.now() - started },
  };
}
