/**
 * A campaign report as CSV: one line per tracked post, then one per influencer and one for the
 * campaign (`level`), whose reach counts each account once — adding up the posts' lines would
 * count an account reached by two posts twice. Unknown figures are empty cells, never 0.
 */
import { toCsv } from '../contacts/csv.ts';
import type { EarnedFigure } from './report-reach.ts';
import type { CampaignReport } from './reports.service.ts';

const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

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
  'earned_reach_low',
  'earned_reach_high',
  'direct_reach_kind',
  'level',
] as const;

type Cell = string | number | null;
type Row = Partial<Record<(typeof header)[number], Cell>>;

const earnedCells = (e: EarnedFigure): Row => ({
  earned_reach: e.value,
  earned_reach_kind: e.kind,
  earned_reach_plus_minus_percent: e.plusMinusPercent,
  earned_reach_low: e.low,
  earned_reach_high: e.high,
});

export function reportCsv(report: CampaignReport): string {
  const posts: Row[] = report.posts.map((p) => ({
    influencer: p.influencer,
    platform: p.platform,
    url: p.url,
    author: p.authorHandle,
    posted_at: p.postedAt,
    status: p.status,
    direct_reach: p.directReach,
    ...earnedCells(p.earnedReach),
    likes: p.counts?.likes ?? null,
    reposts: p.counts?.reposts ?? null,
    quotes: p.counts?.quotes ?? null,
    replies: p.counts?.replies ?? null,
    engagements: p.engagements,
    engagement_rate: round(p.engagementRate),
    cascade_size: p.cascade.size,
    depth: p.cascade.depth,
    max_breadth: p.cascade.maxBreadth,
    structural_virality: round(p.cascade.structuralVirality),
    time_to_half_minutes: p.cascade.timeToHalfMs === null ? null : round(p.cascade.timeToHalfMs / 60_000, 1),
    word_of_mouth_share: round(p.cascade.wordOfMouthShare),
    fee_minor: p.feeMinor,
    currency: p.currency,
    level: 'post',
  }));
  const influencers: Row[] = report.influencers.map((i) => ({
    influencer: i.influencer,
    direct_reach: i.directReach,
    direct_reach_kind: i.directReachKind,
    ...earnedCells(i.earnedReach),
    engagements: i.engagements,
    structural_virality: round(i.structuralVirality),
    fee_minor: i.feeMinor,
    currency: i.currency,
    level: 'influencer',
  }));
  const t = report.totals;
  const campaign: Row = {
    influencer: report.campaign.name,
    direct_reach: t.directReach,
    direct_reach_kind: t.directReachKind,
    ...earnedCells(t.earnedReach),
    engagements: t.engagements,
    engagement_rate: round(t.engagementRate),
    fee_minor: t.feesMinor,
    currency: report.campaign.currency,
    level: 'campaign',
  };
  const rows = [...posts, ...influencers, campaign].map((row) => header.map((h) => row[h] ?? null));
  return toCsv([...header], rows);
}
