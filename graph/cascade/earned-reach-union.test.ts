import { describe, expect, it } from 'vitest';
import { earnedReach, earnedReachUnion, seededRng } from '../index.ts';

describe('earned reach over several posts', () => {
  // ann and cy are two influencers; a1 follows both.
  const annFollowers = new Set(['a1', 'a2', 's']);
  const cyFollowers = new Set(['c1', 'a1']);
  const bob = { account: 'bob', followers: ['x', 'y', 'a1', 'c1'] };
  const dee = { account: 'dee', followers: ['y', 'z', 'a2'] };
  const annPost = { influencer: 'ann', influencerFollowers: annFollowers, sharers: [bob] };
  const cyPost = { influencer: 'cy', influencerFollowers: cyFollowers, sharers: [dee, bob] };

  it('counts an account reached by two posts once and subtracts every direct audience', () => {
    // Alone: ann's post earns x, y, c1, bob (4); cy's earns y, z, a2, x, dee, bob (6). Summed: 10.
    expect(earnedReach(annPost).value).toBe(4);
    expect(earnedReach(cyPost).value).toBe(6);
    // Together the direct audience is ann, cy, a1, a2, s, c1; what is left is x, y, z, bob, dee.
    const both = earnedReachUnion([annPost, cyPost]);
    expect(both).toMatchObject({ value: 5, kind: 'exact', low: 5, high: 5, standardError: 0, sharers: 2 });
    expect(both.directUnknown).toEqual({ influencers: 0, followerCountSum: 0 });
    // One post is earnedReach itself.
    expect(earnedReachUnion([cyPost])).toMatchObject({ value: 6, kind: 'exact' });
  });

  it('takes a sharer of two posts whose list is unknown once, in the value and in the bracket', () => {
    const eve = { account: 'eve', followerCount: 100 };
    const reach = earnedReachUnion([
      { ...annPost, sharers: [bob, eve] },
      { ...cyPost, sharers: [dee, { account: 'eve', followerCount: 120 }] },
    ]);
    // Counted: x, y, z, bob, dee, eve = 6 from 7 list entries of which 3 were new before the
    // sharers were added: novelty 3/7, so eve's 120 (the larger count) extrapolate to 51.
    expect(reach.counted).toMatchObject({ value: 6, sharers: 2 });
    expect(reach.uncounted).toMatchObject({ sharers: 1, followerCountSum: 120, extrapolated: 51 });
    expect([reach.low, reach.value, reach.high]).toEqual([6, 57, 126]);
    expect(reach.kind).toBe('estimate');
  });

  it("widens the bracket downwards when an author's follower list is unknown", () => {
    const unknownAuthor = { influencer: 'cy', influencerFollowerCount: 2, sharers: [dee, bob] };
    const reach = earnedReachUnion([annPost, unknownAuthor]);
    // Only ann's audience (and the authors) come off: x, y, c1, z, bob, dee = 6 counted, of
    // which up to cy's 2 followers may be direct audience.
    expect(reach).toMatchObject({ value: 6, low: 4, high: 6, kind: 'estimate', standardError: null });
    expect(reach.directUnknown).toEqual({ influencers: 1, followerCountSum: 2 });
    const noCount = earnedReachUnion([annPost, { influencer: 'cy', sharers: [dee] }]);
    expect(noCount).toMatchObject({ low: 0, directUnknown: { influencers: 1, followerCountSum: null } });
  });

  it('merges into a HyperLogLog sketch past the exact limit and stays within its stated error', () => {
    const rng = seededRng(11);
    const direct = [new Set<number>(), new Set<number>()];
    for (let v = 0; v < 10_000; v++) direct[v % 2]!.add(v);
    const truth = new Set<number>();
    const posts = direct.map((influencerFollowers, p) => ({
      influencer: -1 - p,
      influencerFollowers,
      sharers: Array.from({ length: 20 }, (_, s) => {
        // Both posts draw from one pool, so their reached accounts overlap heavily.
        const followers = Array.from({ length: 3000 }, () => Math.floor(rng() * 60_000));
        for (const f of followers) if (f >= 10_000) truth.add(f);
        const account = 1_000_000 + s + 20 * p;
        truth.add(account);
        return { account, followers };
      }),
    }));
    const exact = earnedReachUnion(posts);
    expect(exact.value).toBe(truth.size);
    expect(exact.value).toBeLessThan(earnedReach(posts[0]!).value + earnedReach(posts[1]!).value);
    const sketched = earnedReachUnion(posts, { exactLimit: 1000 });
    expect(sketched.counted.method).toBe('hyperloglog');
    expect(Math.abs(sketched.value - truth.size) / truth.size).toBeLessThan(3 * sketched.standardError!);
    expect(sketched.low).toBeLessThan(truth.size);
    expect(sketched.high).toBeGreaterThan(truth.size);
  });
});
