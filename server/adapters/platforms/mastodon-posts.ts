/**
 * Mastodon statuses over public REST endpoints on the status's own instance:
 * /api/v1/statuses/:id (404 once deleted), /:id/reblogged_by and /:id/favourited_by (newest
 * first, `Link` pagination), /:id/context (replies), /api/v1/accounts/:id/statuses (an author's
 * own posts) and /api/v1/timelines/tag/:hashtag. Mastodon says neither when an account
 * reblogged nor through whom, so reblogs carry no time; the caller uses when it first saw them.
 *
 * A pasted address whose id the instance it names does not know (a remote account's status as
 * another instance shows it, `/@alice@other.example/123`, or an id that instance answers 404
 * for) is resolved with /api/v2/search?q=URL&resolve=true&type=statuses on that instance.
 *
 *   const posts = createMastodonPosts({ fetcher, instances: { 'masto.test': 'http://127.0.0.1:4567' } });
 *   await posts.refOf('https://masto.test/@alice/1100…') → { platform: 'mastodon', id: '1100…', instance: 'masto.test' }
 */
import { z } from 'zod';
import { httpUrlOrUndefined } from '../../lib/http-url.ts';
import { CrawlError, isCrawlError } from '../http/crawl.errors.ts';
import type { Fetcher } from '../http/fetcher.ts';
import { htmlToText } from './html-text.ts';
import { accountSchema, nextLink, parseMastodonHandle } from './mastodon.ts';
import type { PostConnector, PostRef, PostView } from './post-types.ts';
import type { Account, CallOptions } from './types.ts';

export type MastodonPostsOptions = {
  fetcher: Fetcher;
  instances?: Record<string, string>;
  /** Instance whose hashtag timelines are read. */
  searchInstance?: string;
};

type RawAccount = z.infer<typeof accountSchema>;
const statusSchema = z.object({
  id: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  account: accountSchema,
  reblog: z.unknown().nullish(),
  favourites_count: z.number().optional(),
  reblogs_count: z.number().optional(),
  replies_count: z.number().optional(),
  quotes_count: z.number().nullish(),
});
type RawStatus = z.infer<typeof statusSchema>;

const STATUS_URL = /^https?:\/\/([^/]+)\/(?:@([^/]+)|users\/[^/]+\/statuses)\/(\d+)\/?(?:[?#].*)?$/;
const MAX_PAGES = 10;

export const createMastodonPosts = ({
  fetcher,
  instances = {},
  searchInstance = 'mastodon.social',
}: MastodonPostsOptions): PostConnector => {
  const baseOf = (domain: string) => (instances[domain] ?? `https://${domain}`).replace(/\/$/, '');

  const get = async <T>(url: string, schema: z.ZodType<T>, options: CallOptions = {}) => {
    const { body, headers } = await fetcher.getJson(url, { signal: options.signal });
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CrawlError('bad_response', `mastodon/posts: unexpected response from ${url}`, {
        url,
        cause: parsed.error,
      });
    return { data: parsed.data, next: nextLink(headers.get('link')) };
  };

  const account = (raw: RawAccount, domain: string): Account => {
    const handle = (raw.acct.includes('@') ? raw.acct : `${raw.acct}@${domain}`).toLowerCase();
    return {
      platform: 'mastodon',
      id: handle,
      handle,
      nativeId: raw.acct.includes('@') ? undefined : raw.id,
      displayName: raw.display_name || undefined,
      followersCount: raw.followers_count,
      url: httpUrlOrUndefined(raw.url),
    };
  };
  const view = (s: RawStatus, domain: string): PostView => ({
    ref: { platform: 'mastodon', id: s.id, instance: domain },
    url: httpUrlOrUndefined(s.url ?? undefined) ?? `https://${domain}/statuses/${s.id}`,
    author: account(s.account, domain),
    createdAt: s.created_at,
    text: htmlToText(s.content),
    counts: {
      likes: s.favourites_count ?? 0,
      reposts: s.reblogs_count ?? 0,
      quotes: s.quotes_count ?? 0,
      replies: s.replies_count ?? 0,
    },
  });
  const statusUrl = (ref: PostRef, tail = '') => {
    if (!ref.instance) throw new CrawlError('invalid_input', 'mastodon/posts: a status needs its instance');
    return `${baseOf(ref.instance)}/api/v1/statuses/${encodeURIComponent(ref.id)}${tail}`;
  };
  const accounts = async (url: string, options?: CallOptions) => {
    const { data, next } = await get(url, z.array(accountSchema), options);
    return { data, next };
  };

  const parse: PostConnector['parse'] = (input) => {
    const m = STATUS_URL.exec(input.trim());
    if (!m) return null;
    // A remote account's status as this instance shows it: only the instance can say which it is.
    if (m[2]?.includes('@')) return { actor: m[2] };
    return { ref: { platform: 'mastodon', id: m[3]!, instance: m[1]!.toLowerCase() } };
  };

  /** The status `url` names, as the instance it names knows it (a remote one fetched by that instance). */
  const resolveUrl = async (url: string, options?: CallOptions): Promise<PostRef> => {
    const instance = new URL(url).host.toLowerCase();
    const search = `${baseOf(instance)}/api/v2/search?q=${encodeURIComponent(url)}&type=statuses&resolve=true&limit=1`;
    const { data } = await get(search, z.object({ statuses: z.array(statusSchema) }), options);
    const found = data.statuses[0];
    if (!found)
      throw new CrawlError('not_found', `mastodon/posts: ${instance} does not know ${url}`, { url });
    return { platform: 'mastodon', id: found.id, instance };
  };

  return {
    platform: 'mastodon',
    parse,

    async refOf(input, options) {
      const url = input.trim();
      const parsed = parse(url);
      if (!parsed) throw new CrawlError('invalid_input', 'mastodon/posts: not a Mastodon status address');
      if (!parsed.ref) return resolveUrl(url, options);
      try {
        await get(statusUrl(parsed.ref), statusSchema, options);
        return parsed.ref;
      } catch (error) {
        if (!isCrawlError(error, 'not_found')) throw error;
        return resolveUrl(url, options);
      }
    },

    async post(ref, options) {
      return view((await get(statusUrl(ref), statusSchema, options)).data, ref.instance!);
    },

    async reposts(ref, cursor, options) {
      const { data, next } = await accounts(cursor ?? statusUrl(ref, '/reblogged_by?limit=80'), options);
      return { items: data.map((a) => ({ kind: 'repost', account: account(a, ref.instance!) })), next };
    },

    async quotes() {
      // Quote lists are not public on Mastodon; quotes still count through `quotes_count`.
      return { items: [], next: null };
    },

    async replies(ref, options) {
      const schema = z.object({
        descendants: z.array(statusSchema.extend({ in_reply_to_id: z.string().nullish() })),
      });
      const { data } = await get(statusUrl(ref, '/context'), schema, options);
      return data.descendants
        .filter((s) => s.in_reply_to_id === ref.id)
        .map((s) => ({
          kind: 'reply' as const,
          account: account(s.account, ref.instance!),
          at: s.created_at,
        }));
    },

    async likers(ref, cursor, options) {
      const { data, next } = await accounts(cursor ?? statusUrl(ref, '/favourited_by?limit=80'), options);
      return { items: data.map((a) => account(a, ref.instance!)), next };
    },

    async authorPosts(who, since, limit, options) {
      const { username, domain } = parseMastodonHandle(who.id);
      let id = who.nativeId;
      if (!id) {
        const lookup = `${baseOf(domain)}/api/v1/accounts/lookup?acct=${encodeURIComponent(username)}`;
        id = (await get(lookup, accountSchema, options)).data.id;
      }
      const posts: PostView[] = [];
      let url: string | null =
        `${baseOf(domain)}/api/v1/accounts/${encodeURIComponent(id)}/statuses?limit=40&exclude_replies=true&exclude_reblogs=true`;
      for (let pages = 0; url && pages < MAX_PAGES && posts.length < limit; pages += 1) {
        const page: { data: RawStatus[]; next: string | null } = await get(
          url,
          z.array(statusSchema),
          options,
        );
        let older = false;
        for (const s of page.data) {
          if (s.reblog) continue;
          if (s.created_at < since) older = true;
          else if (posts.length < limit) posts.push(view(s, domain));
        }
        url = older ? null : page.next;
      }
      return posts;
    },

    async searchPosts(query, cursor, options) {
      const tag = query.trim().replace(/^#/, '');
      if (!/^[\p{L}\p{N}_]+$/u.test(tag))
        throw new CrawlError('invalid_input', 'mastodon/posts: Mastodon finds public posts by hashtag only');
      const url =
        cursor ?? `${baseOf(searchInstance)}/api/v1/timelines/tag/${encodeURIComponent(tag)}?limit=40`;
      const { data, next } = await get(url, z.array(statusSchema), options);
      return { items: data.filter((s) => !s.reblog).map((s) => view(s, searchInstance)), next };
    },
  };
};
