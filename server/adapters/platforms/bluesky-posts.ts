/**
 * Bluesky posts over the AppView's XRPC API: app.bsky.feed.getPosts (counts; a deleted post is
 * missing from the answer), getRepostedBy, getQuotes, getLikes, getPostThread (replies),
 * getAuthorFeed, com.atproto.repo.getRecord (a repost record's `createdAt` and `via`), and
 * searchPosts, which the public AppView refuses anonymously: it needs `login` (a handle and an
 * app password), used through com.atproto.server.createSession on `pdsUrl`.
 *
 *   const posts = createBlueskyPosts({ fetcher, baseUrl, login: { identifier, password } });
 */
import { z } from 'zod';
import { CrawlError, isCrawlError } from '../http/crawl.errors.ts';
import type { Fetcher } from '../http/fetcher.ts';
import { BLUESKY_DEFAULT_APPVIEW, normalizeBlueskyActor } from './bluesky.ts';
import type { PostConnector, PostRef, PostView, Reshare } from './post-types.ts';
import type { Account, CallOptions } from './types.ts';

export type BlueskyLogin = {
  identifier: string;
  password: string;
  /** The account's PDS (createSession and search); the connector's `pdsUrl` when absent. */
  serviceUrl?: string;
};

export type BlueskyPostsOptions = {
  fetcher: Fetcher;
  baseUrl?: string;
  webUrl?: string;
  /** Where createSession and authenticated search go (a PDS such as https://bsky.social). */
  pdsUrl?: string;
  login?: BlueskyLogin;
};

const actor = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  followersCount: z.number().optional(),
});
const postView = z.object({
  uri: z.string(),
  author: actor,
  record: z.object({ text: z.string().optional(), createdAt: z.string().optional() }),
  indexedAt: z.string(),
  replyCount: z.number().optional(),
  repostCount: z.number().optional(),
  likeCount: z.number().optional(),
  quoteCount: z.number().optional(),
});
type RawPost = z.infer<typeof postView>;
const cursorField = z.string().optional();
type ThreadNode = { post?: RawPost; replies?: ThreadNode[] };
const threadNode: z.ZodType<ThreadNode> = z.lazy(() =>
  z.object({ post: postView.optional(), replies: z.array(threadNode).optional() }),
);
const feedItem = z.object({
  post: postView,
  reason: z
    .object({ $type: z.string().optional(), uri: z.string().optional(), indexedAt: z.string().optional() })
    .optional(),
});

const POST_URL = /^https?:\/\/bsky\.app\/profile\/([^/?#]+)\/post\/([A-Za-z0-9._~:-]+)/;
const AT_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._~:-]+)$/;
const MAX_FEED_PAGES = 10;

export const createBlueskyPosts = ({
  fetcher,
  baseUrl = BLUESKY_DEFAULT_APPVIEW,
  webUrl = 'https://bsky.app',
  pdsUrl = 'https://bsky.social',
  login,
}: BlueskyPostsOptions): PostConnector => {
  let session: Promise<string> | undefined;

  const xrpc = async <T>(
    nsid: string,
    params: Record<string, string | number | string[] | undefined>,
    schema: z.ZodType<T>,
    options: CallOptions & { base?: string; token?: string; post?: unknown } = {},
  ): Promise<T> => {
    const url = new URL(`/xrpc/${nsid}`, options.base ?? baseUrl);
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    let body: unknown;
    try {
      ({ body } = await fetcher.getJson(url, {
        signal: options.signal,
        postJson: options.post,
        headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
      }));
    } catch (error) {
      const name = isCrawlError(error) ? (error.body as { error?: unknown })?.error : undefined;
      const message = isCrawlError(error) ? String((error.body as { message?: unknown })?.message ?? '') : '';
      if (isCrawlError(error, 'http_error') && (name === 'NotFound' || /not found/i.test(message)))
        throw new CrawlError('not_found', `bluesky/posts: ${message || 'not found'}`, { cause: error });
      throw error;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CrawlError('bad_response', `bluesky/posts: unexpected ${nsid} response`, {
        url: url.href,
        cause: parsed.error,
      });
    return parsed.data;
  };

  const account = (a: z.infer<typeof actor>): Account => ({
    platform: 'bluesky',
    id: a.did,
    handle: a.handle,
    displayName: a.displayName || undefined,
    followersCount: a.followersCount,
    url: `${webUrl}/profile/${a.handle}`,
  });
  const view = (p: RawPost): PostView => ({
    ref: { platform: 'bluesky', id: p.uri },
    url: `${webUrl}/profile/${p.author.handle}/post/${p.uri.split('/').pop()}`,
    author: account(p.author),
    createdAt: p.record.createdAt ?? p.indexedAt,
    text: p.record.text ?? '',
    counts: {
      likes: p.likeCount ?? 0,
      reposts: p.repostCount ?? 0,
      quotes: p.quoteCount ?? 0,
      replies: p.replyCount ?? 0,
    },
  });
  const uriOf = (ref: PostRef) => ref.id;

  const parse: PostConnector['parse'] = (input) => {
    const text = input.trim();
    const at = AT_URI.exec(text);
    if (at)
      return at[1]!.startsWith('did:')
        ? { ref: { platform: 'bluesky', id: text } }
        : { actor: at[1]!, rkey: at[2]! };
    const web = POST_URL.exec(text);
    if (!web) return null;
    const who = normalizeBlueskyActor(decodeURIComponent(web[1]!));
    if (who.startsWith('did:'))
      return { ref: { platform: 'bluesky', id: `at://${who}/app.bsky.feed.post/${web[2]}` } };
    return { actor: who, rkey: web[2]! };
  };

  const token = async (options?: CallOptions) => {
    if (!login)
      throw new CrawlError('invalid_input', 'bluesky/posts: searching posts needs a Bluesky account');
    session ??= xrpc('com.atproto.server.createSession', {}, z.object({ accessJwt: z.string() }), {
      ...options,
      base: login.serviceUrl ?? pdsUrl,
      post: { identifier: login.identifier, password: login.password },
    }).then((s) => s.accessJwt);
    try {
      return await session;
    } catch (error) {
      session = undefined;
      throw error;
    }
  };

  return {
    platform: 'bluesky',
    parse,

    async refOf(input, options) {
      const parsed = parse(input);
      if (!parsed) throw new CrawlError('invalid_input', 'bluesky/posts: not a Bluesky post address');
      if (parsed.ref) return parsed.ref;
      const profile = await xrpc('app.bsky.actor.getProfile', { actor: parsed.actor }, actor, options);
      return { platform: 'bluesky', id: `at://${profile.did}/app.bsky.feed.post/${parsed.rkey}` };
    },

    async post(ref, options) {
      const res = await xrpc(
        'app.bsky.feed.getPosts',
        { uris: [uriOf(ref)] },
        z.object({ posts: z.array(postView) }),
        options,
      );
      const found = res.posts[0];
      if (!found) throw new CrawlError('not_found', 'bluesky/posts: the post is gone or hidden');
      return view(found);
    },

    async reposts(ref, cursor, options) {
      const schema = z.object({ repostedBy: z.array(actor), cursor: cursorField });
      const res = await xrpc(
        'app.bsky.feed.getRepostedBy',
        { uri: uriOf(ref), limit: 100, cursor },
        schema,
        options,
      );
      return {
        items: res.repostedBy.map((a) => ({ kind: 'repost', account: account(a) })),
        next: res.cursor ?? null,
      };
    },

    async quotes(ref, cursor, options) {
      const schema = z.object({ posts: z.array(postView), cursor: cursorField });
      const res = await xrpc(
        'app.bsky.feed.getQuotes',
        { uri: uriOf(ref), limit: 100, cursor },
        schema,
        options,
      );
      const items: Reshare[] = res.posts.map((p) => ({
        kind: 'quote',
        account: account(p.author),
        at: p.record.createdAt ?? p.indexedAt,
      }));
      return { items, next: res.cursor ?? null };
    },

    async replies(ref, options) {
      const res = await xrpc(
        'app.bsky.feed.getPostThread',
        { uri: uriOf(ref), depth: 1, parentHeight: 0 },
        z.object({ thread: threadNode }),
        options,
      );
      return (res.thread.replies ?? []).flatMap((r) =>
        r.post
          ? [
              {
                kind: 'reply' as const,
                account: account(r.post.author),
                at: r.post.record.createdAt ?? r.post.indexedAt,
              },
            ]
          : [],
      );
    },

    async likers(ref, cursor, options) {
      const schema = z.object({ likes: z.array(z.object({ actor })), cursor: cursorField });
      const res = await xrpc(
        'app.bsky.feed.getLikes',
        { uri: uriOf(ref), limit: 100, cursor },
        schema,
        options,
      );
      return { items: res.likes.map((l) => account(l.actor)), next: res.cursor ?? null };
    },

    async repostDetails(ref, who, options) {
      const feed = await xrpc(
        'app.bsky.feed.getAuthorFeed',
        { actor: who.id, limit: 100 },
        z.object({ feed: z.array(feedItem) }),
        options,
      );
      const item = feed.feed.find((f) => f.reason && f.post.uri === uriOf(ref));
      if (!item?.reason) return {};
      const out: Partial<Reshare> = { at: item.reason.indexedAt };
      const record = item.reason.uri && AT_REPOST.exec(item.reason.uri);
      if (!record) return out;
      const schema = z.object({
        value: z.object({ createdAt: z.string().optional(), via: z.object({ uri: z.string() }).optional() }),
      });
      const res = await xrpc(
        'com.atproto.repo.getRecord',
        { repo: record[1], collection: 'app.bsky.feed.repost', rkey: record[2] },
        schema,
        options,
      );
      const via = res.value.via && AT_REPOST.exec(res.value.via.uri);
      return { at: res.value.createdAt ?? out.at, viaAccountId: via ? via[1] : undefined };
    },

    async authorPosts(who, since, limit, options) {
      const posts: PostView[] = [];
      let next: string | undefined;
      for (let pages = 0; pages < MAX_FEED_PAGES && posts.length < limit; pages += 1) {
        const schema = z.object({ feed: z.array(feedItem), cursor: cursorField });
        const params = { actor: who.id, limit: 100, cursor: next, filter: 'posts_no_replies' };
        const res = await xrpc('app.bsky.feed.getAuthorFeed', params, schema, options);
        let older = false;
        for (const item of res.feed) {
          if (item.reason || item.post.author.did !== who.id) continue;
          const post = view(item.post);
          if (post.createdAt < since) older = true;
          else if (posts.length < limit) posts.push(post);
        }
        if (older || !res.cursor) break;
        next = res.cursor;
      }
      return posts;
    },

    async searchPosts(query, cursor, options) {
      const access = await token(options);
      const schema = z.object({ posts: z.array(postView), cursor: cursorField });
      const res = await xrpc(
        'app.bsky.feed.searchPosts',
        { q: query, limit: 100, cursor, sort: 'latest' },
        schema,
        { ...options, base: login?.serviceUrl ?? pdsUrl, token: access },
      );
      return { items: res.posts.map(view), next: res.cursor ?? null };
    },
  };
};

const AT_REPOST = /^at:\/\/([^/]+)\/app\.bsky\.feed\.repost\/([^/]+)$/;
