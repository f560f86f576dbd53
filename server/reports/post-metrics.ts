/**
 * One tracked post's cascade and metrics: the reshares are attributed (via, else the earliest
 * earlier sharer followed, else the post) by graph/cascade, then measured; earned reach is exact
 * where every resharer's follower list is known and an estimate otherwise.
 */
import { type Cascade, cascadeMetrics, reconstructCascade } from '../../graph/cascade/index.ts';
import type { PostResharer, TrackedPost } from '../db/schema/index.ts';
import type { FollowGraph } from '../tracking/follow-graph.ts';
import { type PostReach, reachOf } from './report-reach.ts';

export type CascadeNode = {
  account: string;
  handle: string;
  at: string;
  parent: number;
  depth: number;
  attribution: Cascade['attribution'][number];
  kind: PostResharer['kind'] | 'post';
};

export function postMetrics(post: TrackedPost, resharers: PostResharer[], graph: FollowGraph) {
  // One node per account: its earliest reshare, whatever the kind.
  const sorted = [...resharers].sort((a, b) => a.at.getTime() - b.at.getTime() || b.seenOrder - a.seenOrder);
  const byAccount = new Map<string, PostResharer>();
  for (const r of sorted) if (!byAccount.has(r.accountId)) byAccount.set(r.accountId, r);
  const cascade = reconstructCascade({
    root: { account: post.authorId, time: post.postedAt.getTime() },
    reshares: [...byAccount.values()].map((r) => ({
      account: r.accountId,
      time: r.at.getTime(),
      via: r.viaAccountId,
    })),
    following: (account) => graph.following.get(account),
    followsKnown: (account) => graph.following.has(account),
  });
  const influencerFollowers = graph.followers.get(post.authorId);
  const metrics = cascadeMetrics(
    { parent: cascade.parent, times: cascade.times },
    { accounts: cascade.accounts, influencerFollowers },
  );
  const sharers = cascade.accounts.slice(1).map((account) => ({
    account,
    followers: graph.followers.get(account),
    followerCount: byAccount.get(account)?.followersCount ?? undefined,
  }));
  const reach: PostReach = {
    platform: post.platform,
    input: {
      influencer: post.authorId,
      influencerFollowers,
      influencerFollowerCount: post.authorFollowers,
      sharers,
    },
  };
  const nodes: CascadeNode[] = cascade.accounts.map((account, i) => {
    const r = byAccount.get(account);
    return {
      account,
      handle: i === 0 ? post.authorHandle : (r?.handle ?? account),
      at: new Date(cascade.times[i]!).toISOString(),
      parent: cascade.parent[i]!,
      depth: cascade.depth[i]!,
      attribution: cascade.attribution[i]!,
      kind: i === 0 ? 'post' : (r?.kind ?? 'repost'),
    };
  });
  return {
    metrics,
    reach,
    earnedReach: reachOf([reach]).earned,
    nodes,
    reconstruction: { ...cascade.counts },
  };
}
