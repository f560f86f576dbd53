/**
 * Murmur graph/influence/explain
 * ==============================
 *
 * Why an account scores what it scores: each component's raw value,
 * percentile, effective weight and contribution. Contributions add up to the
 * score; a component unknown for the account has weight 0 in its row.
 */
import { assertNode } from '../errors.ts';
import type { NicheScores } from '../score-niche.types.ts';
import type { ComponentName } from './composite.ts';

export type Explanation = {
  component: ComponentName;
  raw: number;
  percentile: number;
  weight: number;
  contribution: number;
};

/**
 * @example
 * explain(scores, 42);
 * // [{ component: 'nicheAffinity', raw: 0.38, percentile: 0.97, weight: 0.2, contribution: 19.4 }, ...]
 */
export function explain(scores: NicheScores, node: number): Explanation[] {
  assertNode(node, scores.nodeCount, 'influence/explain');
  let total = 0;
  for (const c of scores.components) {
    if (scores.weights[c] > 0 && !Number.isNaN(scores.percentiles[c][node])) total += scores.weights[c];
  }
  return scores.components.map((component) => {
    const percentile = scores.percentiles[component][node];
    const known = !Number.isNaN(percentile) && total > 0;
    const weight = known ? scores.weights[component] / total : 0;
    return {
      component,
      raw: scores[component][node],
      percentile,
      weight,
      contribution: known ? 100 * weight * percentile : 0,
    };
  });
}
