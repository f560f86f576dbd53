/**
 * Murmur graph/plan/plan-guarantee
 * ================================
 *
 * The plan's guarantee in words, for the Plan tab and the CLI: the a-priori
 * bound IMM reached (or why not) and the OPIM-C certificate.
 */
import type { PlanAlgorithm, PlanGuarantee } from './plan.types.ts';

const percent = (x: number) => `${(100 * x).toFixed(x >= 0.999 ? 2 : 1)} %`;

function probabilityText(p: number): string {
  const miss = 1 - p;
  return miss < 1e-3 ? `1 − ${miss.toExponential(1)}` : percent(p);
}

/**
 * @example
 * planGuaranteeText(plan.guarantee, 0.1, 'imm');
 * // "Greedy over RR sets (IMM): at least 53.2 % of the best possible 20 accounts … Certified: …"
 */
export function planGuaranteeText(
  g: Omit<PlanGuarantee, 'text'>,
  epsilon: number,
  algorithm: PlanAlgorithm,
): string {
  const sampler = algorithm === 'imm' ? 'IMM' : 'OPIM-C';
  const what = g.kind === 'cardinality' ? 'set of as many accounts' : 'set within the budget';
  const how =
    g.kind === 'cardinality'
      ? `Greedy over RR sets (${sampler}, ε = ${epsilon})`
      : `Fee-aware greedy or best single account (${g.selectedBy === 'greedy' ? 'greedy' : 'best single account'} won; Khuller et al. 1999 with ${sampler} sampling, ε = ${epsilon})`;
  const priori = g.capped
    ? `${how}: the RR-set cap stopped sampling early, so the a-priori bound of ${percent(g.approximation)} is not guaranteed.`
    : `${how}: at least ${percent(g.approximation)} of the best possible ${what}, with probability ≥ ${probabilityText(g.probability)}.`;
  const certified = `Certified on independent samples (OPIM-C): at least ${percent(g.certifiedRatio)} of the best possible, with probability ≥ ${probabilityText(1 - g.certifiedDelta)}.`;
  return `${priori} ${certified}`;
}
