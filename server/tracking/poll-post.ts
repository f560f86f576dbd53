/**
 * One poll of a tracked post: read its counts and new resharers from the platform, then write
 * the snapshot, the resharers and the next poll time in one transaction. Everything remote is
 * read before anything is written, so a poll that fails writes nothing but its failure (and is
 * retried on a backoff); a post the platform no longer shows is marked deleted, its history kept.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { isCrawlError } from '../adapters/http/crawl.errors.ts';
import type { PostRef, PostView } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import { campaigns, postResharers, postSnapshots, trackedPosts } from '../db/schema/index.ts';
import { safeErrorText } from '../lib/safe-text.ts';
import { collectFollows } from './collect-follows.ts';
import { collectReshares } from './collect-reshares.ts';
import { nextPollAt, retryPollAt } from './poll-schedule.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

export type PollOutcome = { kind: 'polled' | 'deleted' | 'failed' | 'skipped'; error?: string };

export async function pollTrackedPost(
  db: Db,
  runtime: TrackingRuntime,
  id: string,
  known: { post?: PostView } = {},
): Promise<PollOutcome> {
  const [row] = await db
    .select({ post: trackedPosts, endsOn: campaigns.endsOn })
    .from(trackedPosts)
    .innerJoin(campaigns, eq(campaigns.id, trackedPosts.campaignId))
    .where(eq(trackedPosts.id, id));
  if (row?.post.status !== 'tracking') return { kind: 'skipped' };
  const tracked = row.post;
  const now = runtime.now();
  const ref: PostRef = {
    platform: tracked.platform,
    id: tracked.postRef,
    instance: tracked.instance ?? undefined,
  };
  const connector = runtime.posts(tracked.platform);

  let post: PostView;
  let reshares: Awaited<ReturnType<typeof collectReshares>>;
  let authorFollowers: number | undefined;
  try {
    post = known.post ?? (await connector.post(ref));
    const seen = await db
      .select({ accountId: postResharers.accountId, kind: postResharers.kind })
      .from(postResharers)
      .where(eq(postResharers.trackedPostId, id));
    reshares = await collectReshares(runtime, ref, new Set(seen.map((s) => `${s.kind}:${s.accountId}`)), now);
    const [author] = await runtime.accounts(tracked.platform).profiles([post.author]);
    authorFollowers = author?.followersCount;
  } catch (error) {
    if (isCrawlError(error, 'not_found')) {
      await db
        .update(trackedPosts)
        .set({ status: 'deleted', deletedAt: now, nextPollAt: null, lastPolledAt: now, updatedAt: now })
        .where(eq(trackedPosts.id, id));
      return { kind: 'deleted' };
    }
    const message = safeErrorText(error).slice(0, 500);
    await db
      .update(trackedPosts)
      .set({
        failedPolls: sql`${trackedPosts.failedPolls} + 1`,
        lastError: message,
        nextPollAt: retryPollAt(now, tracked.failedPolls),
        updatedAt: now,
      })
      .where(eq(trackedPosts.id, id));
    return { kind: 'failed', error: message };
  }

  const next = nextPollAt(tracked.postedAt, now, row.endsOn);
  await db.transaction(async (tx) => {
    await tx
      .insert(postSnapshots)
      .values({ trackedPostId: id, at: now, ...post.counts, authorFollowers: authorFollowers ?? null })
      .onConflictDoNothing();
    if (reshares.length > 0)
      await tx
        .insert(postResharers)
        .values(reshares.map((r) => ({ ...r, trackedPostId: id })))
        .onConflictDoNothing();
    await tx
      .update(trackedPosts)
      .set({
        status: next ? 'tracking' : 'ended',
        nextPollAt: next,
        lastPolledAt: now,
        failedPolls: 0,
        lastError: null,
        authorFollowers: authorFollowers ?? tracked.authorFollowers,
        text: post.text.slice(0, 2000),
        updatedAt: now,
      })
      .where(eq(trackedPosts.id, id));
  });
  await collectFollows(db, runtime, tracked.workspaceId, tracked.campaignId).catch(() => undefined);
  return { kind: 'polled' };
}

/** Polls every tracked post whose time has come, oldest due first; returns what happened. */
export async function pollDuePosts(
  db: Db,
  runtime: TrackingRuntime,
  options: { limit?: number; concurrency?: number } = {},
) {
  const now = runtime.now();
  const due = await db
    .select({ id: trackedPosts.id })
    .from(trackedPosts)
    .where(and(eq(trackedPosts.status, 'tracking'), lte(trackedPosts.nextPollAt, now)))
    .orderBy(asc(trackedPosts.nextPollAt))
    .limit(options.limit ?? 500);
  const counts = { polled: 0, deleted: 0, failed: 0, skipped: 0 };
  const queue = due.map((d) => d.id);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift())
      counts[(await pollTrackedPost(db, runtime, id)).kind] += 1;
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return counts;
}

/** The soonest poll still to come, to schedule the next tick. */
export async function soonestPoll(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${trackedPosts.nextPollAt})` })
    .from(trackedPosts)
    .where(inArray(trackedPosts.status, ['tracking']));
  return row?.at ? new Date(row.at) : null;
}
