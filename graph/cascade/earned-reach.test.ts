import { describe, expect, it } from 'vitest';
import { earnedReach, seededRng } from '../index.ts';

describe('earned reach', () => {
  const influencerFollowers = new Set(['a', 'b', 'c']);

  it("counts exactly the accounts reached beyond the influencer's followers when every list is known", () => {
    const reach = earnedReach({
      influencer: 'inf',
      influencerFollowers,
      sharers: [
        // a is a direct follower who reshared: their followers x, y are new; b and inf are not.
        { account: 'a', followers: ['x', 'y', 'b', 'inf'] },
        // z reshared without following the influencer: z and its followers y (seen), w are new.
        { account: 'z', followers: ['y', 'w'] },
      ],
    });
    expect(reach).toMatchObject({ value: 4, kind: 'exact', low: 4, high: 4, standardError: 0 });
    expect(reach.counted).toEqual({ value: 4, method: 'exact', standardError: 0, sharers: 2 });
    expect(earnedReach({ influencer: 'inf', influencerFollowers, sharers: [] }).value).toBe(0);
  });

  it('can leave the sharers themselves out', () => {
    const sharers = [{ account: 'z', followers: ['y', 'w'] }];
    expect(
      earnedReach({ influencer: 'inf', influencerFollowers, sharers }, { includeSharers: false }).value,
    ).toBe(2);
  });

  it('switches to a HyperLogLog sketch past the exact limit and stays within its stated error', () => {
    const rng = seededRng(5);
    const direct = new Set<number>();
    for (let v = 0; v < 20_000; v++) direct.add(v);
    const truth = new Set<number>();
    const sharers = Array.from({ length: 40 }, (_, s) => {
      const followers = Array.from({ length: 3000 }, () => Math.floor(rng() * 100_000));
      for (const f of followers) if (!direct.has(f)) truth.add(f);
      return { account: 1_000_000 + s, followers };
    });
    for (const s of sharers) truth.add(s.account);
    const exact = earnedReach({ influencer: -1, influencerFollowers: direct, sharers });
    expect(exact.value).toBe(truth.size);
    const bitmap = earnedReach(
      { influencer: -1, influencerFollowers: direct, sharers },
      { nodeCount: 1_000_040 },
    );
    expect(bitmap).toEqual(exact);
    const sketched = earnedReach(
      { influencer: -1, influencerFollowers: direct, sharers },
      { exactLimit: 1000 },
    );
    expect(sketched.kind).toBe('estimate');
    expect(sketched.counted.method).toBe('hyperloglog');
    expect(sketched.standardError).toBeCloseTo(1.04 / 64, 6);
    expect(Math.abs(sketched.value - truth.size) / truth.size).toBeLessThan(3 * sketched.standardError!);
    expect(sketched.low).toBeLessThan(truth.size);
    expect(sketched.high).toBeGreaterThan(truth.size);
  });

  it('says which part is counted and which is extrapolated when some follower lists were not fetched', () => {
    const reach = earnedReach({
      influencer: 'inf',
      influencerFollowers,
      sharers: [
        // 4 list entries, 2 new (x, y): novelty rate 0.5.
        { account: 'a', followers: ['x', 'y', 'b', 'c'] },
        { account: 'big', followerCount: 1000 },
      ],
    });
    expect(reach.kind).toBe('estimate');
    expect(reach.standardError).toBeNull();
    expect(reach.counted).toMatchObject({ value: 3, method: 'exact', sharers: 1 });
    expect(reach.uncounted).toEqual({
      sharers: 1,
      followerCountSum: 1000,
      withoutCount: 0,
      noveltyRate: 0.5,
      extrapolated: 500,
    });
    expect([reach.low, reach.value, reach.high]).toEqual([3, 503, 1003]);
  });

  it('leaves the upper bound open instead of guessing when a sharer has no follower count either', () => {
    const reach = earnedReach({
      influencer: 'inf',
      influencerFollowers,
      sharers: [{ account: 'ghost' }],
    });
    expect(reach).toMatchObject({ value: 1, low: 1, high: null, kind: 'estimate' });
    expect(reach.uncounted.withoutCount).toBe(1);
  });
});
