/**
 * A campaign's report: per post, per influencer and in total — reach, earned reach, engagements,
 * cascades and their metrics, costs from deal fees, the advertising-equivalent estimate with its
 * inputs, organic mentions, reach and engagement over time, and goals against what was measured.
 * Unknown stays null (never 0): a post never polled has no engagements yet.
 */
import { getCampaign } from '../campaigns/campaigns.service.ts';
import type { Db } from '../db/client.ts';
import { getSettings } from '../tracking/measurement-settings.ts';
import { BARCELONA_NOTE, FORMULAS } from './formulas.ts';
import { postMetrics } from './post-metrics.ts';
import { loadReportData } from './report-data.ts';
import { type PostReach, reachOf } from './report-reach.ts';
import { reportSeries } from './report-series.ts';

const sum = (values: Array<number | null>) =>
  values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

export async function campaignReport(db: Db, workspaceId: string, campaignId: string) {
  const campaign = await getCampaign(db, workspaceId, campaignId);
  const data = await loadReportData(db, workspaceId, campaignId);
  const settings = await getSettings(db, workspaceId);
  const latest = new Map<string, (typeof data.snapshots)[number]>();
  for (const s of data.snapshots) latest.set(s.trackedPostId, s);

  // What each post adds to reach, kept out of the report itself (it holds follower sets).
  const reachInputs = new Map<string, PostReach>();
  const posts = data.posts.map(({ post, contactName, feeMinor, currency }) => {
    const snap = latest.get(post.id);
    const measured = postMetrics(
      post,
      data.resharers.filter((r) => r.trackedPostId === post.id),
      data.graphs.get(post.platform)!,
    );
    reachInputs.set(post.id, measured.reach);
    const engagements = snap ? snap.likes + snap.reposts + snap.quotes + snap.replies : null;
    const directReach = post.authorFollowers;
    return {
      id: post.id,
      dealId: post.dealId,
      influencer: contactName,
      platform: post.platform,
      url: post.url,
      authorHandle: post.authorHandle,
      authorMismatch: post.authorMismatch,
      text: post.text,
      postedAt: post.postedAt.toISOString(),
      status: post.status,
      lastPolledAt: post.lastPolledAt?.toISOString() ?? null,
      lastError: post.lastError,
      feeMinor,
      currency,
      counts: snap
        ? { likes: snap.likes, reposts: snap.reposts, quotes: snap.quotes, replies: snap.replies }
        : null,
      directReach,
      earnedReach: measured.earnedReach,
      engagements,
      engagementRate: ratio(engagements, directReach),
      cascade: {
        size: measured.metrics.size,
        depth: measured.metrics.depth,
        maxBreadth: measured.metrics.maxBreadth,
        structuralVirality: measured.metrics.structuralVirality,
        timeToHalfMs: measured.metrics.timeToHalf,
        wordOfMouthShare: measured.metrics.wordOfMouth.share,
        wordOfMouthBasis: measured.metrics.wordOfMouth.basis,
        nodes: measured.nodes,
        reconstruction: measured.reconstruction,
      },
    };
  });

  const byDeal = new Map<string, typeof posts>();
  for (const p of posts) byDeal.set(p.dealId, [...(byDeal.get(p.dealId) ?? []), p]);
  const influencers = [...byDeal.entries()].map(([dealId, list]) => {
    const first = list[0]!;
    const reach = reachOf(list.map((p) => reachInputs.get(p.id)!));
    const engagements = sum(list.map((p) => p.engagements));
    const viral = list.map((p) => p.cascade.structuralVirality).filter((v): v is number => v !== null);
    return {
      dealId,
      influencer: first.influencer,
      posts: list.length,
      directReach: reach.direct.value,
      directReachKind: reach.direct.kind,
      earnedReach: reach.earned,
      engagements,
      structuralVirality: viral.length ? viral.reduce((a, v) => a + v, 0) / viral.length : null,
      feeMinor: first.feeMinor,
      currency: first.currency,
      costPerEngagementMinor: ratio(first.feeMinor, engagements),
    };
  });

  const campaignReach = reachOf([...reachInputs.values()]);
  const directReach = campaignReach.direct.value;
  const earnedReach = campaignReach.earned;
  const reach = posts.length === 0 ? null : (directReach ?? 0) + earnedReach.value;
  const engagements = sum(influencers.map((i) => i.engagements));
  const fees = sum(influencers.filter((i) => i.currency === campaign.currency).map((i) => i.feeMinor));
  const cpm = (platform: string) =>
    platform === 'bluesky' ? settings.cpmBlueskyMinor : settings.cpmMastodonMinor;
  const emvMinor = posts.length
    ? [...campaignReach.byPlatform].reduce(
        (a, [platform, r]) =>
          a +
          (cpm(platform) * ((r.direct.value ?? 0) + r.earned.value) * settings.impressionsPerReach) / 1000,
        0,
      )
    : null;
  const livePosts = posts.filter((p) => p.status !== 'deleted').length;

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      currency: campaign.currency,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
    },
    totals: {
      posts: posts.length,
      directReach,
      directReachKind: campaignReach.direct.kind,
      earnedReach,
      reach,
      engagements,
      engagementRate: ratio(engagements, directReach),
      feesMinor: fees,
      costPerEngagementMinor: ratio(fees, engagements),
      costPerThousandReachedMinor: fees === null || !reach ? null : (fees / reach) * 1000,
    },
    emv: {
      estimateMinor: emvMinor === null ? null : Math.round(emvMinor),
      currency: settings.currency,
      inputs: {
        cpmBlueskyMinor: settings.cpmBlueskyMinor,
        cpmMastodonMinor: settings.cpmMastodonMinor,
        impressionsPerReach: settings.impressionsPerReach,
      },
      note: BARCELONA_NOTE,
    },
    goals: {
      reach: { target: campaign.goalReach, measured: reach },
      posts: { target: campaign.goalPosts, measured: livePosts },
      emvMinor: { target: campaign.goalEmvMinor, measured: emvMinor === null ? null : Math.round(emvMinor) },
    },
    posts,
    influencers,
    series: reportSeries(data, posts, reach),
    organic: {
      count: data.organic.length,
      mentions: data.organic.slice(0, 50).map((m) => ({ ...m, postedAt: m.postedAt.toISOString() })),
      lastScanAt: data.tracking?.lastScanAt?.toISOString() ?? null,
      notes: data.tracking?.lastScanNote?.split('\n') ?? [],
    },
    tracking: {
      hashtags: data.tracking?.hashtags ?? [],
      links: data.tracking?.links ?? [],
      keywords: data.tracking?.keywords ?? [],
      followBudget: data.tracking?.followBudget ?? 200,
      followRequestsUsed: data.tracking?.followRequestsUsed ?? 0,
    },
    formulas: FORMULAS,
  };
}

export type CampaignReport = Awaited<ReturnType<typeof campaignReport>>;
