/**
 * Murmur graph/plan/imm
 * =====================
 *
 * How many RR sets are enough: the martingale bounds of IMM (Tang, Shi &
 * Xiao, SIGMOD 2015, "Influence maximization in near-linear time: a
 * martingale approach", Algorithms 1-2 and Theorem 1). With
 * θ ≥ λ* / OPT RR sets, greedy coverage is within (1 − 1/e − ε) of the
 * optimum with probability ≥ 1 − 1/n^ℓ. OPT is unknown, so the estimation
 * phase doubles a guess x = n/2, n/4, … until greedy coverage certifies a
 * lower bound LB ≤ OPT; then θ = λ* / LB. ℓ is raised to ℓ(1 + ln 2 / ln n)
 * so that both phases together fail with probability ≤ 1/n^ℓ (§3.2).
 *
 * Generalized for a budget: ln C(n, k) becomes the log of the number of
 * affordable sets (at most kMax accounts fit), and 1 − 1/e becomes the
 * selection's factor γ = ½(1 − 1/e), as in the budgeted analyses of
 * Nguyen & Zheng 2013.
 *
 * The final selection uses fresh RR sets rather than the estimation phase's
 * (Chen 2018, "An issue in the martingale analysis of the influence
 * maximization algorithm IMM", fix 1): reusing them makes θ depend on the
 * sets it then selects from.
 */
import { certify } from './certify.ts';
import type { RRCollection } from './plan.types.ts';
import { chosenOrder, type PlanContext, type PlanOutcome } from './plan-context.ts';
import { fillRRSets, rankedCoverage, rankOf } from './plan-sampling.ts';
import { emptyRRCollection } from './rr-sets.ts';

export type ImmParameters = {
  /** ℓ after the adjustment. */
  ell: number;
  epsilonPrime: number;
  lambdaPrime: number;
  lambdaStar: number;
  /** Estimation rounds: x = n / 2^i for i = 1 .. rounds. */
  rounds: number;
  gamma: number;
};

/** ln C(n, k), exact to floating point for the k used here. */
export function logBinomial(n: number, k: number): number {
  const j = Math.min(k, n - k);
  if (j < 0) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < j; i++) sum += Math.log((n - i) / (i + 1));
  return sum;
}

/**
 * Log of the number of candidate sets: C(n, k) for k picks; for a budget where at most kMax
 * accounts fit, Σ_{j ≤ kMax} C(n, j) ≤ (kMax + 1) · C(n, min(kMax, n/2)).
 */
export function logCandidateSets(candidates: number, picks: number, exactly: boolean): number {
  if (picks <= 0 || candidates <= 0) return 0;
  if (exactly) return logBinomial(candidates, Math.min(picks, candidates));
  return Math.log(picks + 1) + logBinomial(candidates, Math.min(picks, Math.floor(candidates / 2)));
}

/**
 * @example
 * const p = immParameters(300_000, logCandidateSets(300_000, 50, true), 0.5, 1, 1 - 1 / Math.E);
 * const theta = Math.ceil(p.lambdaStar / lowerBound);
 */
export function immParameters(
  n: number,
  logSets: number,
  epsilon: number,
  ell: number,
  gamma: number,
): ImmParameters {
  const lnN = Math.log(Math.max(n, 2));
  const l = ell * (1 + Math.log(2) / lnN);
  const epsilonPrime = Math.SQRT2 * epsilon;
  const log2n = Math.log2(Math.max(n, 2));
  const lambdaPrime =
    ((2 + (2 / 3) * epsilonPrime) * (logSets + l * lnN + Math.log(Math.max(log2n, 1))) * n) /
    (epsilonPrime * epsilonPrime);
  const alpha = Math.sqrt(l * lnN + Math.log(2));
  const beta = Math.sqrt(gamma * (logSets + l * lnN + Math.log(2)));
  const lambdaStar = (2 * n * (gamma * alpha + beta) ** 2) / (epsilon * epsilon);
  return {
    ell: l,
    epsilonPrime,
    lambdaPrime,
    lambdaStar,
    rounds: Math.max(1, Math.floor(log2n) - 1),
    gamma,
  };
}

/**
 * IMM end to end: estimation (doubling guesses of OPT), θ fresh sets, greedy, then one
 * independent validation collection of θ sets for the certificate.
 *
 * @example
 * const outcome = await immPlan(ctx);
 */
export async function immPlan(ctx: PlanContext): Promise<PlanOutcome> {
  const { run, plan, gamma, select } = ctx;
  const n = plan.n;
  const params = immParameters(n, ctx.logSets, plan.epsilon, plan.ell, gamma);
  let t = performance.now();
  let estimation: RRCollection | null = emptyRRCollection(n);
  let lowerBound = 1;
  for (let i = 1; i <= params.rounds; i++) {
    const x = n / 2 ** i;
    const target = Math.min(plan.maxRRSets, Math.ceil(params.lambdaPrime / x));
    await fillRRSets(run, estimation, target, 1, 'estimate');
    const spread = (n * select(estimation, false).covered) / estimation.count;
    if (spread >= (1 + params.epsilonPrime) * x) {
      lowerBound = spread / (1 + params.epsilonPrime);
      break;
    }
    if (target === plan.maxRRSets) break;
  }
  const estimationSets = estimation.count;
  estimation = null;
  const estimate = performance.now() - t;

  t = performance.now();
  const wanted = Math.max(1, Math.ceil(params.lambdaStar / lowerBound));
  const theta = Math.min(wanted, plan.maxRRSets);
  const rr = emptyRRCollection(n, theta, theta * 4);
  await fillRRSets(run, rr, theta, 2, 'sample');
  const sample = performance.now() - t;

  t = performance.now();
  run.options.onProgress?.({ phase: 'select', done: 0, total: 1 });
  const chosen = select(rr, true);
  run.options.onProgress?.({ phase: 'select', done: 1, total: 1 });
  const selectMs = performance.now() - t;

  t = performance.now();
  const order = chosenOrder(plan, chosen);
  const counts = await rankedCoverage(run, theta, 3, rankOf(n, order), order.length, 'validate');
  const certificate = certify({
    n,
    coveredValidation: counts.reduce((a, b) => a + b, 0),
    validationSets: theta,
    coverUpperBound: chosen.upperBound,
    selectionSets: theta,
    delta: plan.delta,
  });
  return {
    chosen,
    selectionSets: theta,
    estimationSets,
    counts,
    validationSets: theta,
    certificate,
    capped: wanted > theta,
    averageSize: rr.offsets[rr.count] / rr.count,
    timings: { estimate, sample, select: selectMs, validate: performance.now() - t },
  };
}
