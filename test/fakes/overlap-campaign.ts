/**
 * Two influencers whose posts reach some of the same accounts, with every number worked out by
 * hand, for tests of reach that counts each account once (API, CLI and browser share it).
 *
 *   ann ← a1, a2, bob        cy ← c1, a1, dee          (a1 follows both influencers)
 *   bob ← x1, x2, s1, s2, a2  dee ← s1, s2, x3, c1     (s1, s2 follow both resharers)
 *
 * bob reposts ann's post, dee reposts cy's. Earned reach (beyond the direct audience):
 *   ann's post: x1, x2, s1, s2 (a2 follows ann; bob himself does too)          = 4
 *   cy's post:  s1, s2, x3 (c1 follows cy; dee too)                            = 3
 *   campaign:   x1, x2, s1, s2, x3 (s1 and s2 once; none follows ann or cy)    = 5, not 4 + 3
 * Direct reach: ann 3, cy 3; the campaign's 3 + 3 − 1 (a1 follows both)        = 5
 */
import { buildFakeGraph } from './fake-graph.ts';

const followersOf: Record<string, string[]> = {
  ann: ['a1', 'a2', 'bob'],
  cy: ['c1', 'a1', 'dee'],
  bob: ['x1', 'x2', 's1', 's2', 'a2'],
  dee: ['s1', 's2', 'x3', 'c1'],
};

export const overlapGraph = () =>
  buildFakeGraph({
    edges: Object.entries(followersOf).flatMap(([followed, followers]) =>
      followers.map((f) => [f, followed] as [string, string]),
    ),
  });

/** The accounts whose complete follower lists a crawl with them as seeds collects. */
export const overlapSeeds = ['ann', 'cy', 'bob', 'dee'];

export const overlapExpected = {
  annPost: { directReach: 3, earnedReach: 4 },
  cyPost: { directReach: 3, earnedReach: 3 },
  campaign: { directReach: 5, earnedReach: 5, reach: 10 },
};
