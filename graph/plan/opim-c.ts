/**
 * Murmur graph/plan/opim-c
 * ========================
 *
 * OPIM-C (Tang, Tang, Xiao & Yuan, SIGMOD 2018, "Online processing
 * algorithms for influence maximization", Algorithm 2): instead of sampling
 * IMM's worst-case θ up front, start small and double the selection
 * collection R1 until the certificate from an independent collection R2
 * reaches the target factor γ − ε, or θ_max sets (where the a-priori bound
 * holds anyway). Same guarantee as IMM — γ − ε with probability ≥ 1 − δ —
 * usually with far fewer sets.
 *
 * θ_max = 2n (γ √a + √(γ (ln #sets + a)))² / (ε² · OPT_lb), a = ln(6/δ),
 * θ_0 = θ_max ε² OPT_lb / n, i_max = ⌈log2(θ_max / θ_0)⌉, and each round's
 * certificate uses a₁ = a₂ = ln(3 i_max / δ). OPT_lb is the size of the
 * smallest feasible set a plan must reach (every seed reaches itself): k, or
 * the fixed accounts plus the most a budget can buy. R2 is drawn fresh each
 * round and only counted, never stored.
 */
import { certify } from './certify.ts';
import { chosenOrder, type PlanContext, type PlanOutcome } from './plan-context.ts';
import { fillRRSets, rankedCoverage, rankOf } from './plan-sampling.ts';
import { emptyRRCollection } from './rr-sets.ts';

export type OpimParameters = { thetaMax: number; theta0: number; rounds: number };

/**
 * @example
 * opimParameters(7115, 370.4, 0.01, 1 / 7115, 1 - 1 / Math.E, 50).thetaMax;
 */
export function opimParameters(
  n: number,
  logSets: number,
  epsilon: number,
  delta: number,
  gamma: number,
  optLower: number,
): OpimParameters {
  const a = Math.log(6 / delta);
  const thetaMax = Math.ceil(
    (2 * n * (gamma * Math.sqrt(a) + Math.sqrt(gamma * (logSets + a))) ** 2) /
      (epsilon * epsilon * Math.max(1, optLower)),
  );
  const theta0 = Math.max(1, Math.ceil((thetaMax * epsilon * epsilon * Math.max(1, optLower)) / n));
  const rounds = Math.max(1, Math.ceil(Math.log2(thetaMax / theta0)));
  return { thetaMax, theta0, rounds };
}

/**
 * @example
 * const outcome = await opimPlan(ctx);
 */
export async function opimPlan(ctx: PlanContext): Promise<PlanOutcome> {
  const { run, plan, gamma, select } = ctx;
  const n = plan.n;
  const optLower =
    plan.mode === 'cardinality' ? plan.fixed.length + plan.maxPicks! : plan.fixed.length + plan.kMax;
  const { thetaMax, theta0, rounds } = opimParameters(
    n,
    ctx.logSets,
    plan.epsilon,
    plan.delta,
    gamma,
    optLower,
  );
  const target = gamma - plan.epsilon;
  const roundDelta = (2 * plan.delta) / (3 * rounds);
  const timings = { estimate: 0, sample: 0, select: 0, validate: 0 };
  const rr = emptyRRCollection(n, theta0, theta0 * 4);
  for (let i = 1; ; i++) {
    const wanted = i >= rounds ? thetaMax : Math.min(thetaMax, theta0 * 2 ** (i - 1));
    const theta = Math.min(wanted, plan.maxRRSets);
    let t = performance.now();
    await fillRRSets(run, rr, theta, 2, 'sample');
    timings.sample += performance.now() - t;
    t = performance.now();
    run.options.onProgress?.({ phase: 'select', done: i - 1, total: rounds });
    const chosen = select(rr, true);
    timings.select += performance.now() - t;
    t = performance.now();
    const order = chosenOrder(plan, chosen);
    const counts = await rankedCoverage(run, theta, 10 + i, rankOf(n, order), order.length, 'validate');
    timings.validate += performance.now() - t;
    const bounds = certify({
      n,
      coveredValidation: counts.reduce((a, b) => a + b, 0),
      validationSets: theta,
      coverUpperBound: chosen.upperBound,
      selectionSets: theta,
      delta: roundDelta,
    });
    const last = i >= rounds || wanted >= thetaMax || theta === plan.maxRRSets;
    if (bounds.ratio >= target || last) {
      return {
        chosen,
        selectionSets: theta,
        estimationSets: 0,
        counts,
        validationSets: theta,
        certificate: { ...bounds, delta: plan.delta },
        capped: bounds.ratio < target && theta < wanted,
        averageSize: rr.offsets[rr.count] / rr.count,
        timings,
      };
    }
  }
}
