/**
 * What the planner refuses, with the codes the server maps to API errors.
 */
import { describe, expect, it } from 'vitest';
import { PlanError, planSeeds, weightedCascade } from '../index.ts';
import { csrOf, TWO_AUDIENCES } from './small-graphs.fixture.ts';

const csr = csrOf(12, TWO_AUDIENCES);

describe('refusing what cannot be planned', () => {
  const graph = weightedCascade(csr);
  const costs = new Float64Array(12).fill(5);
  const cases: [string, Parameters<typeof planSeeds>[1], string][] = [
    ['a negative budget', { budget: -1, costs }, 'negative-budget'],
    ['k below 1', { k: 0 }, 'invalid-k'],
    ['k below the fixed accounts', { k: 1, fixed: [0, 1] }, 'invalid-k'],
    ['no eligible account', { k: 2, eligible: new Uint8Array(12) }, 'no-eligible-accounts'],
    ['a budget below every fee', { budget: 4, costs }, 'budget-below-fees'],
    ['a budget below the fixed fees', { budget: 6, costs, fixed: [0, 1] }, 'budget-below-fees'],
    ['a budget without fees', { budget: 10 }, 'invalid-costs'],
    ['both k and a budget', { k: 2, budget: 10, costs }, 'invalid-option'],
    ['an unknown fixed account', { k: 2, fixed: [12] }, 'node-out-of-range'],
  ];
  for (const [what, options, code] of cases) {
    it(`refuses ${what} with code ${code}`, async () => {
      const error = await planSeeds(graph, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).code).toBe(code);
      expect((error as PlanError).message).toMatch(/^murmur\/graph\/plan/);
    });
  }

  it('stops when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await planSeeds(graph, { k: 2, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as PlanError).code).toBe('aborted');
  });
});
