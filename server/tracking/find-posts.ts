/**
 * Finding live posts: each deal's accounts' recent posts during the campaign's dates that carry
 * one of its hashtags, links or keywords become `proposed` tracked posts, confirmed with one
 * click. Posts already known (tracked, proposed or dismissed) are left as they are.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { PostPlatform, PostView } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import { campaigns, contactSocialAccounts, deals, trackedPosts } from '../db/schema/index.ts';
import { safeErrorText } from '../lib/safe-text.ts';
import { ensureCampaignTracking } from './collect-follows.ts';
import { normalHandle } from './track-post.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

const POSTS_PER_ACCOUNT = 100;
const DAY = 86_400_000;

export type Terms = { hashtags: string[]; links: string[]; keywords: string[] };

/** Does the text mention one of the campaign's terms? Hashtags match whole tags, case-insensitively. */
export function mentions(text: string, terms: Terms): boolean {
  const lower = text.toLowerCase();
  const tags = new Set(lower.match(/#[\p{L}\p{N}_]+/gu) ?? []);
  return (
    terms.hashtags.some((h) => tags.has(`#${h.toLowerCase().replace(/^#/, '')}`)) ||
    terms.links.some((l) => l && lower.includes(l.toLowerCase())) ||
    terms.keywords.some((k) => k && lower.includes(k.toLowerCase()))
  );
}

export function campaignWindow(campaign: { startsOn: string | null; endsOn: string | null }, now: Date) {
  const since = campaign.startsOn
    ? `${campaign.startsOn}T00:00:00.000Z`
    : new Date(now.getTime() - 30 * DAY).toISOString();
  const until = campaign.endsOn ? `${campaign.endsOn}T23:59:59.999Z` : now.toISOString();
  return { since, until };
}

export async function findPosts(db: Db, runtime: TrackingRuntime, workspaceId: string, campaignId: string) {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!campaign) return { proposed: 0, scanned: 0, failed: [] as string[] };
  const terms = await ensureCampaignTracking(db, workspaceId, campaignId);
  const now = runtime.now();
  const { since, until } = campaignWindow(campaign, now);
  const accounts = await db
    .select({
      dealId: deals.id,
      platform: contactSocialAccounts.platform,
      handle: contactSocialAccounts.handle,
    })
    .from(deals)
    .innerJoin(contactSocialAccounts, eq(contactSocialAccounts.contactId, deals.contactId))
    .where(
      and(eq(deals.campaignId, campaignId), inArray(contactSocialAccounts.platform, ['bluesky', 'mastodon'])),
    );
  let proposed = 0;
  const failed: string[] = [];
  for (const a of accounts) {
    const platform = a.platform as PostPlatform;
    let posts: PostView[];
    try {
      const account = await runtime.accounts(platform).resolve(normalHandle(a.handle));
      posts = await runtime.posts(platform).authorPosts(account, since, POSTS_PER_ACCOUNT);
    } catch (error) {
      failed.push(`${a.handle}: ${safeErrorText(error, 200)}`);
      continue;
    }
    const matching = posts.filter((p) => p.createdAt <= until && mentions(p.text, terms));
    if (matching.length === 0) continue;
    const added = await db
      .insert(trackedPosts)
      .values(
        matching.map((p) => ({
          workspaceId,
          campaignId,
          dealId: a.dealId,
          platform,
          postRef: p.ref.id,
          instance: p.ref.instance ?? null,
          url: p.url,
          authorId: p.author.id,
          authorHandle: p.author.handle,
          authorFollowers: p.author.followersCount ?? null,
          text: p.text.slice(0, 2000),
          postedAt: new Date(p.createdAt),
          status: 'proposed' as const,
          source: 'found' as const,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: trackedPosts.id });
    proposed += added.length;
  }
  return { proposed, scanned: accounts.length, failed };
}
