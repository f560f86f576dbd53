/** A campaign report as CSV: one line per tracked post; unknown figures are empty cells, never 0. */
import { toCsv } from '../contacts/csv.ts';
import type { CampaignReport } from './reports.service.ts';

const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

export function reportCsv(report: CampaignReport): string {
  const header = [
    'influencer',
    'platform',
    'url',
    'author',
    'posted_at',
    'status',
    'direct_reach',
    'earned_reach',
    'earned_reach_kind',
    'earned_reach_plus_minus_percent',
    'likes',
    'reposts',
    'quotes',
    'replies',
    'engagements',
    'engagement_rate',
    'cascade_size',
    'depth',
    'max_breadth',
    'structural_virality',
    'time_to_half_minutes',
    'word_of_mouth_share',
    'fee_minor',
    'currency',
  ];
  const rows = report.posts.map((p) => [
    p.influencer,
    p.platform,
    p.url,
    p.authorHandle,
    p.postedAt,
    p.status,
    p.directReach,
    p.earnedReach.value,
    p.earnedReach.kind,
    p.earnedReach.plusMinusPercent,
    p.counts?.likes ?? null,
    p.counts?.reposts ?? null,
    p.counts?.quotes ?? null,
    p.counts?.replies ?? null,
    p.engagements,
    round(p.engagementRate),
    p.cascade.size,
    p.cascade.depth,
    p.cascade.maxBreadth,
    round(p.cascade.structuralVirality),
    p.cascade.timeToHalfMs === null ? null : round(p.cascade.timeToHalfMs / 60_000, 1),
    round(p.cascade.wordOfMouthShare),
    p.feeMinor,
    p.currency,
  ]);
  return toCsv(header, rows);
}
