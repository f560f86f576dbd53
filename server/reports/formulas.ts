/** What each reported figure means, as shown on hover and exported with the report. */
export const FORMULAS = {
  directReach:
    'Direct reach = followers of the influencer who posted (their follower count when last polled).',
  earnedReach:
    'Earned reach = unique accounts following at least one resharer and not already following the influencer (plus the resharers). Exact when every resharer’s follower list is known; otherwise an estimate from follower counts, shown as “estimate ± x%”. Per influencer and per campaign the posts’ earned reach is added up, so an account reached through two posts counts once per post.',
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
  costPerThousandReached: 'Cost per thousand reached = deal fee ÷ (direct reach + earned reach) × 1000.',
  emv: 'Advertising-equivalent estimate = CPM for the platform × impressions ÷ 1000, impressions = (direct + earned reach) × impressions per account reached. An estimate of what the same impressions would cost as ads — not money earned: the Barcelona Principles reject advertising-value equivalents as a measure of value.',
  organic:
    'Organic mentions = posts by accounts outside the campaign that use its hashtags, links or keywords during its dates.',
} as const;

export type FormulaKey = keyof typeof FORMULAS;

export const BARCELONA_NOTE =
  'The Barcelona Principles 3.0 (AMEC, 2020) say advertising value equivalents do not measure the value of communication. This figure is shown only as an advertising-cost comparison, with its inputs.';
