import { describe, expect, it } from 'vitest';
import { plantedCommunities, seededRng } from '../../graph/index.ts';
import { computePlan, type PlanRequest } from './plan-compute.ts';
import { INLINE_MAX_EDGES, planInWorker } from './plan-in-worker.ts';

// Each call transfers the request's edge buffers to the worker, so every run gets its own copy.
function request(): PlanRequest {
  const g = plantedCommunities({ rng: seededRng(3), communities: 3, communitySize: 150 });
  const n = g.nodeCount;
  const byFollowers = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => g.platformFollowers[b] - g.platformFollowers[a] || a - b,
  );
  return {
    nodeCount: n,
    sources: g.sources,
    targets: g.targets,
    model: { kind: 'wc' },
    goal: { budget: 50_000 },
    costs: Float64Array.from({ length: n }, (_, i) => 5000 + (i % 7) * 1000),
    eligible: new Uint8Array(n).fill(1),
    fixed: new Int32Array(0),
    byFollowers,
    byScore: null,
    epsilon: 0.2,
    seed: 11,
    simulations: 100,
    curve: [25_000, 50_000],
  };
}

describe('planning off the HTTP thread', () => {
  it('gives the same plan in a worker thread as on this one, with progress up to the end', async () => {
    expect(request().sources.length).toBeGreaterThanOrEqual(INLINE_MAX_EDGES);
    const here = await computePlan(request());
    const phases: string[] = [];
    const there = await planInWorker(request(), (phase) => phases.push(phase));
    expect(there.plan.picks).toEqual(here.plan.picks);
    expect(there.spread).toEqual(here.spread);
    expect(there.byFollowers.nodes).toEqual(here.byFollowers.nodes);
    expect(there.curve).toEqual(here.curve);
    expect(phases).toContain('sample');
    expect(phases.at(-1)).toBe('curve');
  });

  it('reports the planner refusing the request as the plan error', async () => {
    const poor = { ...request(), goal: { budget: 10 } };
    await expect(planInWorker(poor)).rejects.toMatchObject({ code: 'budget_below_fees' });
  });
});
