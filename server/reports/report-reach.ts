/**
 * Reach over a set of tracked posts (one post, an influencer's posts, a campaign), counting each
 * account once. Platforms are separate networks, so each is counted on its own and added up.
 *   direct: the authors' follower counts added up, minus the accounts known to follow two of
 *           them (from crawled follower lists), so an account following two influencers is one;
 *   earned: graph/cascade's union of the reached accounts beyond every involved audience.
 */
import { earnedReachUnion, type ReachPost } from '../../graph/cascade/index.ts';
import type { PostPlatform } from '../adapters/platforms/post-types.ts';

/** One post's part in reach: its author's audience and its sharers (see post-metrics.ts). */
export type PostReach = { platform: PostPlatform; input: ReachPost<string> };

export type EarnedFigure = {
  value: number;
  kind: 'exact' | 'estimate';
  low: number;
  /** Null when unbounded (some resharer has neither a follower list nor a count). */
  high: number | null;
  /** Half the range relative to the value, for "estimate ± x%"; null when unbounded. */
  plusMinusPercent: number | null;
};

/** 'union' when every author's follower list is known (or one author); 'sum' when overlaps could not all be seen. */
export type DirectFigure = { value: number | null; kind: 'union' | 'sum' };

function earnedFigure(parts: Array<Omit<EarnedFigure, 'plusMinusPercent'>>): EarnedFigure {
  const value = parts.reduce((a, p) => a + p.value, 0);
  const low = parts.reduce((a, p) => a + p.low, 0);
  const high = parts.some((p) => p.high === null) ? null : parts.reduce((a, p) => a + p.high!, 0);
  const kind = parts.every((p) => p.kind === 'exact') ? 'exact' : 'estimate';
  const plusMinusPercent =
    kind === 'exact' || value <= 0 ? 0 : high === null ? null : Math.round(((high - low) / 2 / value) * 100);
  return { value, kind, low, high, plusMinusPercent };
}

function directReach(posts: ReachPost<string>[]): DirectFigure {
  const authors = new Map<string, ReachPost<string>>();
  for (const p of posts) {
    const seen = authors.get(p.influencer);
    if (!seen || (p.influencerFollowerCount ?? -1) > (seen.influencerFollowerCount ?? -1))
      authors.set(p.influencer, {
        ...p,
        influencerFollowers: p.influencerFollowers ?? seen?.influencerFollowers,
      });
  }
  const list = [...authors.values()];
  const counts = list.map((a) => a.influencerFollowerCount).filter((c): c is number => typeof c === 'number');
  const lists = list.map((a) => a.influencerFollowers).filter((l): l is Set<string> => l instanceof Set);
  const union = new Set<string>();
  for (const l of lists) for (const account of l) union.add(account);
  const overlap = lists.reduce((a, l) => a + l.size, 0) - union.size;
  return {
    value: counts.length ? Math.max(0, counts.reduce((a, c) => a + c, 0) - overlap) : null,
    kind: lists.length === list.length || list.length <= 1 ? 'union' : 'sum',
  };
}

/** Reach of these posts, per platform and added up. */
export function reachOf(posts: PostReach[]) {
  const byPlatform = new Map<PostPlatform, { direct: DirectFigure; earned: EarnedFigure }>();
  for (const platform of new Set(posts.map((p) => p.platform))) {
    const mine = posts.filter((p) => p.platform === platform).map((p) => p.input);
    const earned = earnedReachUnion(mine);
    byPlatform.set(platform, {
      direct: directReach(mine),
      earned: earnedFigure([
        {
          value: Math.round(earned.value),
          kind: earned.kind,
          low: Math.round(earned.low),
          high: earned.high === null ? null : Math.round(earned.high),
        },
      ]),
    });
  }
  const parts = [...byPlatform.values()];
  const directs = parts.map((p) => p.direct.value).filter((v): v is number => v !== null);
  return {
    direct: {
      value: directs.length ? directs.reduce((a, v) => a + v, 0) : null,
      kind: parts.every((p) => p.direct.kind === 'union') ? 'union' : 'sum',
    } as DirectFigure,
    earned: earnedFigure(parts.map((p) => p.earned)),
    byPlatform,
  };
}
