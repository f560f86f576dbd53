/**
 * Starting to track a post on a deal: the pasted address is resolved on its platform, the author
 * compared with the deal contact's accounts (a mismatch is kept as a warning, not refused), and
 * the post stored and polled once. Found posts wait as `proposed` until someone confirms them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { isCrawlError } from '../adapters/http/crawl.errors.ts';
import type { PostPlatform, PostView } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import { campaigns, contactSocialAccounts, deals, trackedPosts } from '../db/schema/index.ts';
import { DealError } from '../deals/deals.errors.ts';
import { pollTrackedPost } from './poll-post.ts';
import { nextPollAt } from './poll-schedule.ts';
import { TrackingError } from './tracking.errors.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

export async function dealInWorkspace(db: Db, workspaceId: string, dealId: string) {
  const [deal] = await db
    .select({
      id: deals.id,
      campaignId: deals.campaignId,
      contactId: deals.contactId,
      endsOn: campaigns.endsOn,
    })
    .from(deals)
    .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .where(and(eq(deals.id, dealId), eq(deals.workspaceId, workspaceId)));
  if (!deal) throw new DealError('deal_not_found', 'No such deal.');
  return deal;
}

/** The contact's accounts on the tracked platforms, as platform ids or handles in lower case. */
export async function contactAccounts(db: Db, workspaceId: string, contactId: string) {
  const rows = await db
    .select({ platform: contactSocialAccounts.platform, handle: contactSocialAccounts.handle })
    .from(contactSocialAccounts)
    .where(
      and(
        eq(contactSocialAccounts.workspaceId, workspaceId),
        eq(contactSocialAccounts.contactId, contactId),
        inArray(contactSocialAccounts.platform, ['bluesky', 'mastodon']),
      ),
    );
  return rows.map((r) => ({ platform: r.platform as PostPlatform, handle: normalHandle(r.handle) }));
}

export const normalHandle = (handle: string) =>
  handle
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/bsky\.app\/profile\//, '')
    .replace(/^@/, '');

export function isAuthor(post: PostView, accounts: Array<{ platform: PostPlatform; handle: string }>) {
  const ids = [post.author.id.toLowerCase(), post.author.handle.toLowerCase()];
  return accounts.some((a) => a.platform === post.ref.platform && ids.includes(a.handle));
}

function platformOf(runtime: TrackingRuntime, url: string): PostPlatform {
  for (const platform of ['bluesky', 'mastodon'] as const)
    if (runtime.posts(platform).parse(url)) return platform;
  throw new TrackingError(
    'not_a_post_address',
    'That is not a Bluesky or Mastodon post address. Paste a bsky.app/profile/…/post/… link, an at:// URI or a Mastodon status link.',
  );
}

export async function resolvePost(runtime: TrackingRuntime, url: string): Promise<PostView> {
  const connector = runtime.posts(platformOf(runtime, url));
  try {
    return await connector.post(await connector.refOf(url));
  } catch (error) {
    if (isCrawlError(error, 'not_found'))
      throw new TrackingError(
        'post_unavailable',
        'That post cannot be found: it was deleted, hidden or never existed.',
        { cause: error },
      );
    if (isCrawlError(error, 'invalid_input'))
      throw new TrackingError('not_a_post_address', error.message, { cause: error });
    if (isCrawlError(error))
      throw new TrackingError(
        'platform_unreachable',
        'The platform did not answer; try again in a few minutes.',
        { cause: error },
      );
    throw error;
  }
}

export type TrackInput = { dealId: string; url: string };

/** Tracks a pasted post; tracking the same post again returns the existing one. */
export async function trackPost(db: Db, runtime: TrackingRuntime, workspaceId: string, input: TrackInput) {
  const deal = await dealInWorkspace(db, workspaceId, input.dealId);
  const post = await resolvePost(runtime, input.url);
  const mismatch = !isAuthor(post, await contactAccounts(db, workspaceId, deal.contactId));
  const now = runtime.now();
  const postedAt = new Date(post.createdAt);
  const [row] = await db
    .insert(trackedPosts)
    .values({
      workspaceId,
      campaignId: deal.campaignId,
      dealId: deal.id,
      platform: post.ref.platform,
      postRef: post.ref.id,
      instance: post.ref.instance ?? null,
      url: post.url,
      authorId: post.author.id,
      authorHandle: post.author.handle,
      text: post.text.slice(0, 2000),
      postedAt,
      status: 'tracking',
      source: 'pasted',
      authorMismatch: mismatch,
      nextPollAt: nextPollAt(postedAt, now, deal.endsOn) ?? now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [trackedPosts.campaignId, trackedPosts.platform, trackedPosts.postRef],
      set: { status: 'tracking', dealId: deal.id, updatedAt: now },
    })
    .returning({ id: trackedPosts.id });
  await pollTrackedPost(db, runtime, row!.id, { post });
  return { id: row!.id, authorMismatch: mismatch, authorHandle: post.author.handle };
}

/** Confirms a proposed post (it starts polling now) or dismisses it. */
export async function decideProposal(
  db: Db,
  workspaceId: string,
  id: string,
  decision: 'confirm' | 'dismiss',
  now: Date,
) {
  const updated = await db
    .update(trackedPosts)
    .set(
      decision === 'confirm'
        ? { status: 'tracking', nextPollAt: now, updatedAt: now }
        : { status: 'dismissed', nextPollAt: null, updatedAt: now },
    )
    .where(
      and(
        eq(trackedPosts.id, id),
        eq(trackedPosts.workspaceId, workspaceId),
        eq(trackedPosts.status, 'proposed'),
      ),
    )
    .returning({ id: trackedPosts.id });
  if (updated.length === 0) throw new TrackingError('tracked_post_not_found', 'No such proposed post.');
  return { id };
}
