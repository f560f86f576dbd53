/**
 * Fetches whom a campaign's resharers follow, for cascade reconstruction, where no crawled niche
 * covers them, within the campaign's budget of requests (shown to the user, editable). Earliest
 * resharers first: they are the candidate parents of everyone after them.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { isCrawlError } from '../adapters/http/crawl.errors.ts';
import type { PostPlatform } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import { campaignTracking, fetchedFollows, postResharers, trackedPosts } from '../db/schema/index.ts';
import { nicheCovered } from './follow-graph.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

const PAGES_PER_ACCOUNT = 5;

export async function ensureCampaignTracking(db: Db, workspaceId: string, campaignId: string) {
  await db.insert(campaignTracking).values({ workspaceId, campaignId }).onConflictDoNothing();
  const [row] = await db.select().from(campaignTracking).where(eq(campaignTracking.campaignId, campaignId));
  return row!;
}

export async function collectFollows(
  db: Db,
  runtime: TrackingRuntime,
  workspaceId: string,
  campaignId: string,
) {
  const tracking = await ensureCampaignTracking(db, workspaceId, campaignId);
  let left = tracking.followBudget - tracking.followRequestsUsed;
  if (left <= 0) return { requests: 0 };
  const candidates = await db
    .selectDistinctOn([trackedPosts.platform, postResharers.accountId], {
      platform: trackedPosts.platform,
      accountId: postResharers.accountId,
      handle: postResharers.handle,
      at: postResharers.at,
    })
    .from(postResharers)
    .innerJoin(trackedPosts, eq(trackedPosts.id, postResharers.trackedPostId))
    .leftJoin(
      fetchedFollows,
      and(
        eq(fetchedFollows.workspaceId, workspaceId),
        eq(fetchedFollows.platform, trackedPosts.platform),
        eq(fetchedFollows.accountId, postResharers.accountId),
      ),
    )
    .where(and(eq(trackedPosts.campaignId, campaignId), sql`${fetchedFollows.accountId} is null`))
    .orderBy(asc(trackedPosts.platform), asc(postResharers.accountId), asc(postResharers.at));
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  let used = 0;
  for (const platform of ['bluesky', 'mastodon'] as PostPlatform[]) {
    const mine = candidates.filter((c) => c.platform === platform);
    const covered = await nicheCovered(
      db,
      workspaceId,
      platform,
      mine.map((c) => c.accountId),
    );
    const connector = runtime.accounts(platform);
    for (const c of mine) {
      if (left <= 0) break;
      if (covered.has(c.accountId)) continue;
      const follows: string[] = [];
      let complete = false;
      let cursor: string | undefined;
      try {
        for (let page = 0; page < PAGES_PER_ACCOUNT && left > 0; page += 1) {
          left -= 1;
          used += 1;
          const res = await connector.follows({ platform, id: c.accountId, handle: c.handle }, cursor);
          follows.push(...res.items.map((a) => a.id));
          if (!res.next) {
            complete = true;
            break;
          }
          cursor = res.next;
        }
      } catch (error) {
        if (!isCrawlError(error, 'hidden_collection') && !isCrawlError(error, 'not_found')) throw error;
      }
      await db
        .insert(fetchedFollows)
        .values({
          workspaceId,
          platform,
          accountId: c.accountId,
          follows,
          complete,
          fetchedAt: runtime.now(),
        })
        .onConflictDoNothing();
    }
  }
  if (used > 0)
    await db
      .update(campaignTracking)
      .set({ followRequestsUsed: sql`${campaignTracking.followRequestsUsed} + ${used}` })
      .where(eq(campaignTracking.campaignId, campaignId));
  return { requests: used };
}
