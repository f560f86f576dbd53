/**
 * Organic word of mouth: posts by accounts outside the campaign that mention its hashtags, links
 * or keywords during its dates. Mastodon: hashtag timelines (hashtags only). Bluesky: searchPosts,
 * which needs the workspace's Bluesky account (an app password); without one the result says so.
 */
import { and, eq } from 'drizzle-orm';
import type { PostPlatform, PostView } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import {
  campaigns,
  campaignTracking,
  contactSocialAccounts,
  deals,
  organicMentions,
} from '../db/schema/index.ts';
import { safeErrorText } from '../lib/safe-text.ts';
import { ensureCampaignTracking } from './collect-follows.ts';
import { campaignWindow, mentions } from './find-posts.ts';
import { blueskyLogin } from './measurement-settings.ts';
import { normalHandle } from './track-post.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

const MAX_PAGES = 5;

export async function scanOrganic(
  db: Db,
  runtime: TrackingRuntime,
  secret: string,
  workspaceId: string,
  campaignId: string,
) {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!campaign) return { found: 0, notes: [] as string[] };
  const terms = await ensureCampaignTracking(db, workspaceId, campaignId);
  const now = runtime.now();
  const { since, until } = campaignWindow(campaign, now);
  const insiders = new Set(
    (
      await db
        .select({ handle: contactSocialAccounts.handle })
        .from(deals)
        .innerJoin(contactSocialAccounts, eq(contactSocialAccounts.contactId, deals.contactId))
        .where(eq(deals.campaignId, campaignId))
    ).map((r) => normalHandle(r.handle)),
  );
  const notes: string[] = [];
  const found: Array<{ platform: PostPlatform; post: PostView }> = [];
  const collect = async (
    platform: PostPlatform,
    query: string,
    login?: Parameters<TrackingRuntime['posts']>[1],
  ) => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const res = await runtime.posts(platform, login).searchPosts(query, cursor);
      let older = false;
      for (const post of res.items) {
        if (post.createdAt < since) older = true;
        else if (post.createdAt <= until && mentions(post.text, terms)) found.push({ platform, post });
      }
      if (older || !res.next) break;
      cursor = res.next;
    }
  };
  if (terms.hashtags.length === 0 && terms.links.length === 0 && terms.keywords.length === 0)
    notes.push('Add the campaign’s hashtags, links or keywords to look for word of mouth.');
  for (const tag of terms.hashtags) {
    try {
      await collect('mastodon', tag);
    } catch (error) {
      notes.push(`Mastodon #${tag}: ${safeErrorText(error, 200)}`);
    }
  }
  const login = await blueskyLogin(db, secret, workspaceId);
  const queries = [
    ...terms.hashtags.map((h) => `#${h.replace(/^#/, '')}`),
    ...terms.links,
    ...terms.keywords,
  ];
  if (!login && queries.length > 0)
    notes.push(
      'Bluesky word of mouth is not searched: Bluesky refuses anonymous post search. Add a Bluesky account with an app password in Reports → Measurement settings.',
    );
  for (const q of login ? queries : []) {
    try {
      await collect('bluesky', q, login);
    } catch (error) {
      notes.push(`Bluesky "${q}": ${safeErrorText(error, 200)}`);
    }
  }
  const outside = found.filter(
    ({ post }) =>
      !insiders.has(post.author.handle.toLowerCase()) && !insiders.has(post.author.id.toLowerCase()),
  );
  if (outside.length > 0)
    await db
      .insert(organicMentions)
      .values(
        outside.map(({ platform, post }) => ({
          workspaceId,
          campaignId,
          platform,
          postRef: post.ref.id,
          url: post.url,
          authorHandle: post.author.handle,
          text: post.text.slice(0, 1000),
          postedAt: new Date(post.createdAt),
          engagements: post.counts.likes + post.counts.reposts + post.counts.quotes + post.counts.replies,
        })),
      )
      .onConflictDoNothing();
  await db
    .update(campaignTracking)
    .set({ lastScanAt: now, lastScanNote: notes.join('\n') || null })
    .where(eq(campaignTracking.campaignId, campaignId));
  return { found: outside.length, notes };
}
