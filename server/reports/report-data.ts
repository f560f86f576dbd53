/** Loads what a campaign report is computed from, scoped to one workspace. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { PostPlatform } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import {
  campaignTracking,
  contacts,
  deals,
  organicMentions,
  postResharers,
  postSnapshots,
  trackedPosts,
} from '../db/schema/index.ts';
import { type FollowGraph, followGraph } from '../tracking/follow-graph.ts';

export const MEASURED_STATUSES = ['tracking', 'ended', 'deleted'] as const;

export async function loadReportData(db: Db, workspaceId: string, campaignId: string) {
  const posts = await db
    .select({
      post: trackedPosts,
      contactName: contacts.name,
      feeMinor: deals.feeMinor,
      currency: deals.currency,
    })
    .from(trackedPosts)
    .innerJoin(deals, eq(deals.id, trackedPosts.dealId))
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(
      and(
        eq(trackedPosts.workspaceId, workspaceId),
        eq(trackedPosts.campaignId, campaignId),
        inArray(trackedPosts.status, [...MEASURED_STATUSES]),
      ),
    )
    .orderBy(asc(trackedPosts.postedAt));
  const ids = posts.map((p) => p.post.id);
  const snapshots = ids.length
    ? await db
        .select()
        .from(postSnapshots)
        .where(inArray(postSnapshots.trackedPostId, ids))
        .orderBy(asc(postSnapshots.at))
    : [];
  const resharers = ids.length
    ? await db.select().from(postResharers).where(inArray(postResharers.trackedPostId, ids))
    : [];
  const graphs = new Map<PostPlatform, FollowGraph>();
  for (const platform of ['bluesky', 'mastodon'] as const) {
    const mine = posts.filter((p) => p.post.platform === platform);
    if (mine.length === 0) continue;
    const postIds = new Set(mine.map((p) => p.post.id));
    const accounts = new Set(mine.map((p) => p.post.authorId));
    for (const r of resharers) if (postIds.has(r.trackedPostId)) accounts.add(r.accountId);
    graphs.set(platform, await followGraph(db, workspaceId, platform, [...accounts]));
  }
  const [tracking] = await db
    .select()
    .from(campaignTracking)
    .where(eq(campaignTracking.campaignId, campaignId));
  const organic = await db
    .select()
    .from(organicMentions)
    .where(and(eq(organicMentions.workspaceId, workspaceId), eq(organicMentions.campaignId, campaignId)))
    .orderBy(desc(organicMentions.postedAt))
    .limit(200);
  return { posts, snapshots, resharers, graphs, tracking: tracking ?? null, organic };
}

export type ReportData = Awaited<ReturnType<typeof loadReportData>>;
