/**
 * Murmur graph/plan/certify
 * =========================
 *
 * A certificate for a chosen set, as in OPIM-C (Tang, Tang, Xiao & Yuan,
 * SIGMOD 2018, "Online processing algorithms for influence maximization",
 * Algorithm 1, Lemmas 4.2-4.3): with R1 the RR sets the set was chosen from
 * and R2 an independent collection,
 *
 *   σ_l(S) = ((√(Λ2(S) + 2a/9) − √(a/2))² − a/18) · n/θ2   (spread of S, from below)
 *   σ_u    = (√(Λ1ᵘ + a/2) + √(a/2))² · n/θ1                (best possible spread, from above)
 *
 * with a = ln(2/δ), Λ2(S) the R2 sets S covers and Λ1ᵘ an upper bound on
 * the best cover of R1 (coverage-greedy's `upperBound`). Then
 * spread(S) ≥ (σ_l / σ_u) · optimum with probability ≥ 1 − δ. Both tails come
 * from the martingale Chernoff bounds of IMM (Tang et al. 2015, Corollaries 1-2).
 */

export type Certificate = { lowerBound: number; upperBound: number; ratio: number; delta: number };

/**
 * @example
 * certify({ n, coveredValidation: 812, validationSets: 10_000, coverUpperBound: 990,
 *   selectionSets: 10_000, delta: 1e-3 }).ratio; // ≈ 0.75
 */
export function certify(input: {
  n: number;
  coveredValidation: number;
  validationSets: number;
  coverUpperBound: number;
  selectionSets: number;
  delta: number;
}): Certificate {
  const { n, coveredValidation, validationSets, coverUpperBound, selectionSets, delta } = input;
  const a = Math.log(2 / delta);
  const root = Math.sqrt(coveredValidation + (2 * a) / 9) - Math.sqrt(a / 2);
  const lowerBound =
    validationSets > 0 ? (Math.max(0, root) ** 2 - a / 18) * (n / validationSets) : Number.NaN;
  // No set reaches more than n accounts, so n caps the bound.
  const upperBound =
    selectionSets > 0
      ? Math.min(n, (Math.sqrt(coverUpperBound + a / 2) + Math.sqrt(a / 2)) ** 2 * (n / selectionSets))
      : Number.NaN;
  const ratio = Math.min(1, Math.max(0, lowerBound / upperBound));
  return {
    lowerBound: Math.max(0, lowerBound),
    upperBound,
    ratio: Number.isFinite(ratio) ? ratio : 0,
    delta,
  };
}
