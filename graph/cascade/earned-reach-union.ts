/**
 * Murmur graph/cascade/earned-reach-union
 * =======================================
 *
 * Earned reach of several posts together (an influencer's posts, a campaign):
 * distinct accounts reached through reshares of any of the posts, beyond the
 * direct audience of every post involved,
 *
 *   |∪ₚ (∪ followers(sharer of p) ∪ sharers of p)  −  ∪ₚ (followers(author of p) ∪ {author of p})|,
 *
 * so an account reached by two posts counts once, and an account following
 * one influencer is not "earned" by another influencer's post.
 *
 * Counting is `earnedReach`'s: exact in a set up to `exactLimit` accounts,
 * then a HyperLogLog sketch (Flajolet, Fusy, Gandouet & Meunier 2007). A
 * sketch of a union is the register-wise maximum of the parts' sketches, so
 * feeding every post's lists into one counter gives exactly the merged sketch
 * of the per-post sketches (same error, 1.04 / sqrt(2^p)). What a sketch
 * cannot do is subtract, so the union of the direct audiences is taken out as
 * accounts go in, not afterwards; per-post results cannot be merged into this.
 *
 * Sharers are merged by account before counting: an account that reshared two
 * posts is one sharer (its follower list, or its largest follower count, once),
 * which keeps the extrapolation for unknown lists from counting it twice.
 *
 * Honest bracket: [low, high] is `earnedReach`'s, and when an author's
 * follower list is unknown their audience could not be subtracted, so up to
 * their follower count of the counted accounts may be direct audience: `low`
 * drops by that count (to 0 when the count is unknown too) and the result is
 * an estimate.
 */
import type {
  AccountId,
  EarnedReachOptions,
  EarnedReachUnion,
  ReachPost,
  SharerAudience,
} from './cascade.types.ts';
import { countEarnedReach } from './earned-reach.ts';

/**
 * @example
 * const campaign = earnedReachUnion([
 *   { influencer: 'ann', influencerFollowers: annFollowers, sharers: [{ account: 'bob', followers: bobFollowers }] },
 *   { influencer: 'cy', influencerFollowers: cyFollowers, sharers: [{ account: 'dee', followers: deeFollowers }] },
 * ]);
 * campaign.value; // accounts following bob or dee (or bob, dee), following neither ann nor cy
 */
export function earnedReachUnion<Id extends AccountId>(
  posts: readonly ReachPost<Id>[],
  options: EarnedReachOptions<Id> = {},
): EarnedReachUnion {
  const influencers = new Set<Id>();
  const audiences: Array<{ has(account: Id): boolean }> = [];
  const unknownAudience = new Map<Id, number | null>();
  for (const post of posts) {
    influencers.add(post.influencer);
    if (post.influencerFollowers) {
      if (!audiences.includes(post.influencerFollowers)) audiences.push(post.influencerFollowers);
      continue;
    }
    const count = post.influencerFollowerCount;
    const known = count === undefined || count === null || !(count >= 0) ? null : count;
    const before = unknownAudience.get(post.influencer);
    unknownAudience.set(
      post.influencer,
      before === undefined ? known : before === null || known === null ? null : Math.max(before, known),
    );
  }
  // An author whose list is known through another post is not unknown.
  for (const post of posts) if (post.influencerFollowers) unknownAudience.delete(post.influencer);

  const sharers = new Map<Id, SharerAudience<Id>>();
  for (const post of posts)
    for (const sharer of post.sharers) {
      const seen = sharers.get(sharer.account);
      if (!seen) {
        sharers.set(sharer.account, sharer);
        continue;
      }
      const counts = [seen.followerCount, sharer.followerCount].filter((c) => c !== undefined);
      sharers.set(sharer.account, {
        account: sharer.account,
        followers: seen.followers ?? sharer.followers,
        followerCount: counts.length ? Math.max(...counts) : undefined,
      });
    }

  const direct = (account: Id) => influencers.has(account) || audiences.some((a) => a.has(account));
  const reach = countEarnedReach(direct, sharers.values(), options);
  const counts = [...unknownAudience.values()];
  const followerCountSum = counts.includes(null) ? null : (counts as number[]).reduce((a, c) => a + c, 0);
  const directUnknown = { influencers: unknownAudience.size, followerCountSum };
  // Nothing counted, nothing that could be someone's direct audience.
  if (unknownAudience.size === 0 || reach.counted.value === 0)
    return { ...reach, sharers: sharers.size, directUnknown };
  return {
    ...reach,
    kind: 'estimate',
    standardError: null,
    low: followerCountSum === null ? 0 : Math.max(0, reach.low - followerCountSum),
    sharers: sharers.size,
    directUnknown,
  };
}
