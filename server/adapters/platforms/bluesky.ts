/**
 * Bluesky connector over the public AppView's XRPC API (no authentication).
 *
 *   const bsky = createBlueskyConnector({ fetcher, baseUrl: 'https://public.api.bsky.app' });
 *   bsky.resolve('alice.bsky.social') → Account (id = DID)
 *
 * Calls app.bsky.actor.getProfile/getProfiles/searchActors, app.bsky.graph.getFollowers/
 * getFollows and app.bsky.feed.getAuthorFeed, with the lexicons' field names. Pages pass the
 * response's `cursor` back unchanged; its absence ends the list. `getProfiles` takes 25 actors.
 * Bluesky answers a missing actor with 400 InvalidRequest "Profile not found"; that becomes
 * `not_found`.
 */
import { z } from 'zod';
import { CrawlError, isCrawlError } from '../http/crawl.errors.ts';
import type { Fetcher } from '../http/fetcher.ts';
import type { Account, CallOptions, Connector, Page, Post } from './types.ts';

export const BLUESKY_DEFAULT_APPVIEW = 'https://public.api.bsky.app';
export const BLUESKY_PROFILES_BATCH = 25;

export type BlueskyConnectorOptions = {
  fetcher: Fetcher;
  /** AppView base URL; the server reads it from BLUESKY_APPVIEW_URL. */
  baseUrl?: string;
  /** Items per page for graph and search calls, 1-100. */
  pageSize?: number;
  /** Where profile links point. */
  webUrl?: string;
};

const profileView = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  avatar: z.string().optional(),
  createdAt: z.string().optional(),
  followersCount: z.number().optional(),
  followsCount: z.number().optional(),
  postsCount: z.number().optional(),
});
type ProfileView = z.infer<typeof profileView>;

const cursor = z.string().optional();
const followersResponse = z.object({ followers: z.array(profileView), cursor });
const followsResponse = z.object({ follows: z.array(profileView), cursor });
const searchResponse = z.object({ actors: z.array(profileView), cursor });
const profilesResponse = z.object({ profiles: z.array(profileView) });
const feedResponse = z.object({
  feed: z.array(
    z.object({
      post: z.object({
        uri: z.string(),
        author: z.object({ did: z.string(), handle: z.string() }),
        record: z.object({ text: z.string().optional(), createdAt: z.string().optional() }),
        indexedAt: z.string(),
        replyCount: z.number().optional(),
        repostCount: z.number().optional(),
        likeCount: z.number().optional(),
        quoteCount: z.number().optional(),
      }),
      reason: z.object({ $type: z.string().optional() }).optional(),
    }),
  ),
  cursor,
});

const MAX_FEED_PAGES = 10;

export const normalizeBlueskyActor = (input: string): string => {
  const text = input.trim();
  const fromUrl = /^https?:\/\/bsky\.app\/profile\/([^/?#]+)/.exec(text);
  return (fromUrl ? decodeURIComponent(fromUrl[1]!) : text).replace(/^@/, '');
};

export const createBlueskyConnector = ({
  fetcher,
  baseUrl = BLUESKY_DEFAULT_APPVIEW,
  pageSize = 100,
  webUrl = 'https://bsky.app',
}: BlueskyConnectorOptions): Connector => {
  const profileUrl = (account: Pick<Account, 'handle' | 'id'>) =>
    `${webUrl}/profile/${account.handle && account.handle !== 'handle.invalid' ? account.handle : account.id}`;

  const toAccount = (view: ProfileView): Account => ({
    platform: 'bluesky',
    id: view.did,
    handle: view.handle,
    displayName: view.displayName || undefined,
    description: view.description || undefined,
    avatarUrl: view.avatar,
    followersCount: view.followersCount,
    followsCount: view.followsCount,
    postsCount: view.postsCount,
    createdAt: view.createdAt,
    url: profileUrl({ handle: view.handle, id: view.did }),
  });

  const xrpc = async <T>(
    nsid: string,
    params: Record<string, string | number | string[] | undefined>,
    schema: z.ZodType<T>,
    options: CallOptions = {},
  ): Promise<T> => {
    const url = new URL(`/xrpc/${nsid}`, baseUrl);
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    let body: unknown;
    try {
      ({ body } = await fetcher.getJson(url, { signal: options.signal }));
    } catch (error) {
      const message = (isCrawlError(error) && (error.body as { message?: unknown })?.message) || '';
      if (isCrawlError(error, 'http_error') && error.status === 400 && /not found/i.test(String(message))) {
        throw new CrawlError('not_found', `crawl/bluesky: ${message}`, {
          status: 400,
          url: url.href,
          cause: error,
        });
      }
      throw error;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new CrawlError('bad_response', `crawl/bluesky: unexpected ${nsid} response`, {
        url: url.href,
        cause: parsed.error,
      });
    }
    return parsed.data;
  };

  const page = (items: ProfileView[], next: string | undefined): Page<Account> => ({
    items: items.map(toAccount),
    next: next ?? null,
  });

  return {
    platform: 'bluesky',
    profileUrl,

    async resolve(handle, options) {
      const actor = normalizeBlueskyActor(handle);
      if (!actor) throw new CrawlError('invalid_input', 'crawl/bluesky: empty handle');
      return toAccount(await xrpc('app.bsky.actor.getProfile', { actor }, profileView, options));
    },

    async search(keyword, cursor, options) {
      const params = { q: keyword, limit: pageSize, cursor };
      const res = await xrpc('app.bsky.actor.searchActors', params, searchResponse, options);
      return page(res.actors, res.cursor);
    },

    async followers(account, cursor, options) {
      const params = { actor: account.id, limit: pageSize, cursor };
      const res = await xrpc('app.bsky.graph.getFollowers', params, followersResponse, options);
      return page(res.followers, res.cursor);
    },

    async follows(account, cursor, options) {
      const params = { actor: account.id, limit: pageSize, cursor };
      const res = await xrpc('app.bsky.graph.getFollows', params, followsResponse, options);
      return page(res.follows, res.cursor);
    },

    async profiles(accounts, options) {
      const found = new Map<string, Account>();
      for (let i = 0; i < accounts.length; i += BLUESKY_PROFILES_BATCH) {
        const actors = accounts.slice(i, i + BLUESKY_PROFILES_BATCH).map((a) => a.id || a.handle);
        const res = await xrpc('app.bsky.actor.getProfiles', { actors }, profilesResponse, options);
        for (const view of res.profiles) {
          const account = toAccount(view);
          found.set(view.did, account);
          found.set(view.handle, account);
        }
      }
      return accounts.flatMap((a) => {
        const account = found.get(a.id) ?? found.get(a.handle);
        return account ? [account] : [];
      });
    },

    async recentPosts(account, limit, options) {
      const posts: Post[] = [];
      let cursor: string | undefined;
      for (let pages = 0; posts.length < limit && pages < MAX_FEED_PAGES; pages += 1) {
        const params = {
          actor: account.id,
          limit: Math.min(100, Math.max(1, limit - posts.length)),
          cursor,
          filter: 'posts_no_replies',
        };
        const res = await xrpc('app.bsky.feed.getAuthorFeed', params, feedResponse, options);
        for (const { post, reason } of res.feed) {
          // `account` may have been made from a handle alone; the author is who the feed belongs to.
          const own =
            post.author.did === account.id || post.author.handle === normalizeBlueskyActor(account.id);
          if (reason || !own || posts.length >= limit) continue;
          posts.push({
            id: post.uri,
            url: `${profileUrl({ handle: post.author.handle, id: post.author.did })}/post/${post.uri.split('/').pop()}`,
            createdAt: post.record.createdAt ?? post.indexedAt,
            text: post.record.text ?? '',
            likes: post.likeCount ?? 0,
            reposts: post.repostCount ?? 0,
            replies: post.replyCount ?? 0,
            quotes: post.quoteCount ?? 0,
          });
        }
        if (!res.cursor) break;
        cursor = res.cursor;
      }
      return posts;
    },
  };
};
