/**
 * Planning on real follower graphs (../shared/datasets): the planner's
 * estimate agrees with 10,000 Monte Carlo cascades of the same set, and its
 * picks reach more accounts than signing the most-followed or the
 * best-scored (PageRank) accounts at the same k or budget.
 */
import { describe, expect, it } from 'vitest';
import { type DatasetName, hasDataset, loadDataset } from '../../bench/graph/datasets.ts';
import {
  buildCsr,
  estimateSpread,
  inDegrees,
  pagerank,
  planSeeds,
  rankingBaseline,
  sampleRRSets,
  simulateSpread,
  weightedCascade,
} from '../index.ts';

const byDescending = (values: Float64Array) =>
  Array.from(values, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);

const margin = (plan: number, other: number) => `${(100 * (plan / other - 1)).toFixed(1)} %`;

describe.each(['wiki-vote', 'twitch-ru'] as DatasetName[])('planning on %s', (name) => {
  it.skipIf(!hasDataset(name))(
    `${name}: estimate within 5 % of 10,000 Monte Carlo runs, beats top-by-followers and top-by-PageRank`,
    async () => {
      const data = loadDataset(name);
      const csr = buildCsr(data.nodeCount, data.sources, data.targets);
      const graph = weightedCascade(csr);
      const followers = inDegrees(csr);
      const byFollowers = byDescending(followers);
      const byScore = byDescending(pagerank(csr).scores);
      // Every set is measured on the same 200,000 independent RR sets: a paired comparison.
      const check = { rr: sampleRRSets(graph, 200_000, 77) };

      const plan = await planSeeds(graph, { k: 20, epsilon: 0.1, seed: 1 });
      const mc = simulateSpread(graph, plan.nodes, { runs: 10_000, seed: 2 });
      expect(Math.abs(plan.estimatedSpread - mc.mean) / mc.mean).toBeLessThan(0.05);
      const ours = estimateSpread(graph, plan.nodes, check).mean;
      const top = rankingBaseline(graph, byFollowers, { k: 20, ...check }).spread.mean;
      const scored = rankingBaseline(graph, byScore, { k: 20, ...check }).spread.mean;
      expect(ours).toBeGreaterThan(top);
      expect(ours).toBeGreaterThan(scored);

      // Fees grow with audience: 50 + 2 per follower; the budget buys a handful of stars or many small accounts.
      const costs = Float64Array.from(followers, (f) => 50 + 2 * f);
      const budget = 4000;
      const paid = await planSeeds(graph, { budget, costs, epsilon: 0.2, seed: 1 });
      expect(paid.totalCost).toBeLessThanOrEqual(budget);
      const paidOurs = estimateSpread(graph, paid.nodes, check).mean;
      const paidTop = rankingBaseline(graph, byFollowers, { budget, costs, ...check }).spread.mean;
      const paidScored = rankingBaseline(graph, byScore, { budget, costs, ...check }).spread.mean;
      expect(paidOurs).toBeGreaterThan(paidTop);
      expect(paidOurs).toBeGreaterThan(paidScored);

      console.info(
        [
          `${name} k=20 (IMM ε=0.1, ${plan.rrSets.selection} RR sets, ${plan.timings.total.toFixed(0)} ms):`,
          `  estimate ${plan.estimatedSpread.toFixed(1)} vs Monte Carlo ${mc.mean.toFixed(1)} ± ${mc.standardError.toFixed(1)}`,
          `  plan ${ours.toFixed(1)}, top-by-followers ${top.toFixed(1)} (+${margin(ours, top)}), top-by-PageRank ${scored.toFixed(1)} (+${margin(ours, scored)})`,
          `  certified ${(100 * plan.guarantee.certifiedRatio).toFixed(1)} % of optimum`,
          `${name} budget ${budget} (IMM ε=0.2, ${paid.nodes.length} accounts, cost ${paid.totalCost}, ${paid.guarantee.selectedBy}):`,
          `  plan ${paidOurs.toFixed(1)}, top-by-followers ${paidTop.toFixed(1)} (+${margin(paidOurs, paidTop)}), top-by-PageRank ${paidScored.toFixed(1)} (+${margin(paidOurs, paidScored)})`,
          `  certified ${(100 * paid.guarantee.certifiedRatio).toFixed(1)} % of optimum`,
        ].join('\n'),
      );
    },
  );
});
