/** What the deal page shows: a deal's tracked and proposed posts with their snapshots. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { postSnapshots, trackedPosts } from '../db/schema/index.ts';
import { TrackingError } from './tracking.errors.ts';

const columns = {
  id: trackedPosts.id,
  platform: trackedPosts.platform,
  url: trackedPosts.url,
  authorHandle: trackedPosts.authorHandle,
  authorMismatch: trackedPosts.authorMismatch,
  authorFollowers: trackedPosts.authorFollowers,
  text: trackedPosts.text,
  postedAt: trackedPosts.postedAt,
  status: trackedPosts.status,
  source: trackedPosts.source,
  nextPollAt: trackedPosts.nextPollAt,
  lastPolledAt: trackedPosts.lastPolledAt,
  lastError: trackedPosts.lastError,
  deletedAt: trackedPosts.deletedAt,
};

export async function postsOfDeal(db: Db, workspaceId: string, dealId: string) {
  const posts = await db
    .select(columns)
    .from(trackedPosts)
    .where(and(eq(trackedPosts.workspaceId, workspaceId), eq(trackedPosts.dealId, dealId)))
    .orderBy(desc(trackedPosts.postedAt));
  const ids = posts.map((p) => p.id);
  const snaps = ids.length
    ? await db
        .select()
        .from(postSnapshots)
        .where(inArray(postSnapshots.trackedPostId, ids))
        .orderBy(asc(postSnapshots.at))
    : [];
  return posts.map((p) => {
    const mine = snaps.filter((s) => s.trackedPostId === p.id);
    return {
      ...p,
      snapshots: mine.map(({ at, likes, reposts, quotes, replies }) => ({
        at,
        likes,
        reposts,
        quotes,
        replies,
      })),
    };
  });
}

export async function trackedPost(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ ...columns, dealId: trackedPosts.dealId, campaignId: trackedPosts.campaignId })
    .from(trackedPosts)
    .where(and(eq(trackedPosts.id, id), eq(trackedPosts.workspaceId, workspaceId)));
  // Another workspace's post is reported exactly like a missing one.
  if (!row) throw new TrackingError('tracked_post_not_found', 'No such tracked post.');
  const snapshots = await db
    .select()
    .from(postSnapshots)
    .where(eq(postSnapshots.trackedPostId, id))
    .orderBy(asc(postSnapshots.at));
  return { ...row, snapshots };
}
