import { describe, expect, it } from 'vitest';
import { buildCsr, inDegrees, plantedCommunities, scaleFreeDigraph, seededRng } from '../index.ts';

describe('scaleFreeDigraph', () => {
  it('is reproducible for a seed and has a heavy-tailed follower count', () => {
    const a = scaleFreeDigraph({ nodes: 5000, edges: 50_000, rng: seededRng(4) });
    const b = scaleFreeDigraph({ nodes: 5000, edges: 50_000, rng: seededRng(4) });
    expect(a.sources).toEqual(b.sources);
    expect(a.targets).toEqual(b.targets);
    const degrees = inDegrees(buildCsr(a.nodeCount, a.sources, a.targets));
    const max = Math.max(...degrees);
    expect(max).toBeGreaterThan(50 * (50_000 / 5000));
    expect(degrees.filter((d) => d === 0).length).toBeGreaterThan(0);
  });
});

describe('plantedCommunities', () => {
  it('plants leaders, celebrities, bots and a bought account, reproducibly', () => {
    const demo = plantedCommunities({ rng: seededRng(1) });
    const again = plantedCommunities({ rng: seededRng(1) });
    expect(demo.targets).toEqual(again.targets);
    expect(demo.nodeCount).toBe(6 * 300 + 2);
    expect(demo.leaders).toHaveLength(6);
    const csr = buildCsr(demo.nodeCount, demo.sources, demo.targets);
    expect(csr.duplicateEdges).toBe(0);
    const degrees = inDegrees(csr);
    for (const celebrity of demo.celebrities) expect(degrees[celebrity]).toBeGreaterThan(900);
    expect(demo.bots.length).toBeGreaterThan(40);
    for (const bot of demo.bots) expect(demo.profile.postsCount![bot]).toBeLessThan(3);
    expect(demo.platformFollowers[demo.celebrities[0]]).toBeGreaterThan(1e7);
  });
});
