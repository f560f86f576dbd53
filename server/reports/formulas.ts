/** What each reported figure means, as shown on hover and exported with the report. */
export const FORMULAS = {
  directReach:
    'Direct reach = followers of the influencers who posted (follower counts when last polled), each account once: the counts added up, minus the accounts known to follow more than one of them. Known when the influencers’ follower lists were crawled in a niche; otherwise it is a sum of audiences (marked “sum of audiences”), and an account following two influencers counts twice.',
  earnedReach:
    'Earned reach = unique accounts following at least one resharer (plus the resharers) and not following any influencer whose post is counted. Per influencer and per campaign an account reached through several posts counts once. Exact when every follower list involved is known; past 1,000,000 accounts a HyperLogLog sketch (± 1.6%); resharers whose follower lists are unknown add an estimate from their follower counts, shown as “estimate ± x%” with its range (low: only what was counted, less the audience of any influencer whose follower list is unknown; high: plus every follower of the unknown resharers).',
  engagements: 'Engagements = likes + reposts + quotes + replies, at the latest snapshot.',
  engagementRate: 'Engagement rate = engagements ÷ direct reach.',
  cascadeSize: 'Cascade size = the post plus every account that reshared it (reposts, quotes, replies).',
  depth: 'Depth = the longest chain of reshares from the post (hops).',
  maxBreadth: 'Maximum breadth = the most reshares at any one hop from the post.',
  structuralVirality:
    'Structural virality (Goel, Anderson, Hofman & Watts 2016) = mean shortest-path distance between all pairs of nodes in the cascade tree: about 2 for a broadcast (star), growing with person-to-person spread ((n+1)/3 for a chain of n).',
  timeToHalf: 'Time to half = time from the post until half of its reshares had happened.',
  wordOfMouth:
    'Word-of-mouth share = reshares by accounts that do not follow the influencer ÷ all reshares (when the influencer’s followers are known; otherwise reshares that came through another resharer).',
  costPerEngagement: 'Cost per engagement = deal fee ÷ engagements.',
  costPerThousandReached:
    'Cost per thousand reached = deal fees ÷ (direct reach + earned reach, each account once) × 1000.',
  emv: 'Advertising-equivalent estimate = CPM for the platform × impressions ÷ 1000, impressions = (direct + earned reach, each account once, per platform) × impressions per account reached. An estimate of what the same impressions would cost as ads — not money earned: the Barcelona Principles reject advertising-value equivalents as a measure of value.',
  organic:
    'Organic mentions = posts by accounts outside the campaign that use its hashtags, links or keywords during its dates.',
} as const;

export type FormulaKey = keyof typeof FORMULAS;

export const BARCELONA_NOTE =
  'The Barcelona Principles 3.0 (AMEC, 2020) say advertising value equivalents do not measure the value of communication. This figure is shown only as an advertising-cost comparison, with its inputs.';
