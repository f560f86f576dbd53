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
 *
 * eve ← s1, z1, z2 is no seed, so her follower list stays unknown. When she reposts too, the
 * campaign's earned reach is an estimate: counted x1, x2, s1, s2, x3 and eve = 6; her 3 followers
 * extrapolated at the known lists' novelty (5 new of 9 entries) = 2 (1.67): 8, within [6, 6 + 3].
 */
import { buildFakeGraph } from './fake-graph.ts';

const followersOf: Record<string, string[]> = {
  ann: ['a1', 'a2', 'bob'],
  cy: ['c1', 'a1', 'dee'],
  bob: ['x1', 'x2', 's1', 's2', 'a2'],
  dee: ['s1', 's2', 'x3', 'c1'],
  eve: ['s1', 'z1', 'z2'],
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
  withEve: { value: 8, kind: 'estimate', low: 6, high: 9, plusMinusPercent: 19 },
};
