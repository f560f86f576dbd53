/**
 * Mastodon connector over public REST endpoints, asking each account's own instance.
 *
 *   const masto = createMastodonConnector({ fetcher, instances: { 'masto.test': 'http://127.0.0.1:4567' } });
 *   masto.resolve('alice@mastodon.social') → Account (id = 'alice@mastodon.social', nativeId = '109…')
 *
 * Uses /api/v1/accounts/lookup, /api/v1/accounts/:id/followers and /following (limit 80, the
 * `Link` header's rel="next" URL is the cursor), /api/v2/search?type=accounts (offset cursor)
 * and /api/v1/accounts/:id/statuses. Numeric ids are opaque and per instance, so graph calls
 * always go to the account's home instance. An account that hides its collections
 * (`hide_collections`, a 403, or an empty first page despite a non-zero count) raises
 * `CrawlError('hidden_collection')`. `instances` maps a domain to a base URL (self-hosted over
 * plain HTTP, loopback tests); any other domain is `https://<domain>`.
 */
import { z } from 'zod';
import { httpUrlOrUndefined } from '../../lib/http-url.ts';
import { CrawlError, isCrawlError } from '../http/crawl.errors.ts';
import type { Fetcher } from '../http/fetcher.ts';
import { htmlToText } from './html-text.ts';
import type { Account, CallOptions, Connector, Page, Post } from './types.ts';

export type MastodonConnectorOptions = {
  fetcher: Fetcher;
  instances?: Record<string, string>;
  /** Instance asked by `search`. */
  searchInstance?: string;
  /** Followers/following per page, at most 80. */
  pageSize?: number;
};

/** A Mastodon Account entity as Murmur reads it; the post connectors parse the same shape. */
export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  url: z.string().optional(),
  display_name: z.string().optional(),
  note: z.string().optional(),
  avatar: z.string().optional(),
  created_at: z.string().optional(),
  statuses_count: z.number().optional(),
  followers_count: z.number().optional(),
  following_count: z.number().optional(),
  hide_collections: z.boolean().nullish(),
});
type MastodonAccount = z.infer<typeof accountSchema>;
const statusSchema = z.object({
  id: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  reblog: z.unknown().nullish(),
  favourites_count: z.number().optional(),
  reblogs_count: z.number().optional(),
  replies_count: z.number().optional(),
  quotes_count: z.number().optional(),
});

const SEARCH_LIMIT = 40;
const STATUSES_LIMIT = 40;
const MAX_STATUS_PAGES = 10;
const PROFILE_CONCURRENCY = 4;

/** `@alice@Example.social`, `alice@example.social` or `https://example.social/@alice`. */
export const parseMastodonHandle = (input: string): { username: string; domain: string } => {
  const text = input.trim();
  const fromUrl = /^https?:\/\/([^/]+)\/@([^/?#@]+)\/?$/.exec(text);
  const match = fromUrl ? [text, fromUrl[2], fromUrl[1]] : /^@?([^@\s]+)@([^@\s]+)$/.exec(text);
  if (!match) throw new CrawlError('invalid_input', `crawl/mastodon: not a user@instance handle: ${input}`);
  return { username: match[1]!, domain: match[2]!.toLowerCase() };
};

/** The URL of the `rel="next"` link, if any. */
export const nextLink = (header: string | null): string | null => {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]+)>\s*;\s*rel="?([^";,]+)"?/g)) {
    if (match[2]!.split(/\s+/).includes('next')) return match[1]!;
  }
  return null;
};

export const createMastodonConnector = ({
  fetcher,
  instances = {},
  searchInstance = 'mastodon.social',
  pageSize = 80,
}: MastodonConnectorOptions): Connector => {
  const baseOf = (domain: string) => (instances[domain] ?? `https://${domain}`).replace(/\/$/, '');

  const toAccount = (raw: MastodonAccount, askedDomain: string): Account => {
    const local = !raw.acct.includes('@');
    const handle = (local ? `${raw.acct}@${askedDomain}` : raw.acct).toLowerCase();
    return {
      platform: 'mastodon',
      id: handle,
      handle,
      nativeId: local ? raw.id : undefined,
      displayName: raw.display_name || undefined,
      description: raw.note ? htmlToText(raw.note) || undefined : undefined,
      avatarUrl: httpUrlOrUndefined(raw.avatar),
      followersCount: raw.followers_count,
      followsCount: raw.following_count,
      postsCount: raw.statuses_count,
      createdAt: raw.created_at,
      // Only http(s): a profile's `url` is rendered as a link, and a server may send `javascript:`.
      url: httpUrlOrUndefined(raw.url),
      hiddenCollections: raw.hide_collections ?? undefined,
    };
  };

  const get = async <T>(url: string | URL, schema: z.ZodType<T>, options: CallOptions = {}) => {
    const { body, headers } = await fetcher.getJson(url, { signal: options.signal });
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new CrawlError('bad_response', `crawl/mastodon: unexpected response from ${url}`, {
        url: String(url),
        cause: parsed.error,
      });
    }
    return { data: parsed.data, next: nextLink(headers.get('link')) };
  };

  /**
   * A list of accounts where one malformed entry is dropped and counted (`skipped`), not a
   * reason to lose the page: one hostile or broken account must not stop a crawl.
   */
  const accountsOf = (items: unknown[]) => {
    const valid: MastodonAccount[] = [];
    for (const item of items) {
      const parsed = accountSchema.safeParse(item);
      if (parsed.success) valid.push(parsed.data);
    }
    return { valid, skipped: items.length - valid.length };
  };

  const resolve = async (handle: string, options?: CallOptions): Promise<Account> => {
    const { username, domain } = parseMastodonHandle(handle);
    const url = new URL(`${baseOf(domain)}/api/v1/accounts/lookup`);
    url.searchParams.set('acct', username);
    return toAccount((await get(url, accountSchema, options)).data, domain);
  };

  const collection =
    (kind: 'followers' | 'following') =>
    async (account: Account, cursor?: string, options?: CallOptions): Promise<Page<Account>> => {
      const { domain } = parseMastodonHandle(account.id);
      const base = baseOf(domain);
      if (account.hiddenCollections) {
        throw new CrawlError('hidden_collection', `crawl/mastodon: ${account.id} hides its ${kind}`);
      }
      let url: string;
      let home = account;
      if (cursor) {
        if (!cursor.startsWith(`${base}/`))
          throw new CrawlError('invalid_input', 'crawl/mastodon: foreign cursor');
        url = cursor;
      } else {
        if (!home.nativeId) home = await resolve(account.id, options);
        if (home.hiddenCollections) {
          throw new CrawlError('hidden_collection', `crawl/mastodon: ${account.id} hides its ${kind}`);
        }
        url = `${base}/api/v1/accounts/${encodeURIComponent(home.nativeId!)}/${kind}?limit=${pageSize}`;
      }
      try {
        const { data: raw, next } = await get(url, z.array(z.unknown()), options);
        const { valid: data, skipped } = accountsOf(raw);
        if (!cursor && data.length === 0) {
          const count = kind === 'followers' ? home.followersCount : home.followsCount;
          const counted = count === undefined ? await resolve(account.id, options) : undefined;
          const known = count ?? (kind === 'followers' ? counted?.followersCount : counted?.followsCount);
          if ((known ?? 0) > 0) {
            throw new CrawlError('hidden_collection', `crawl/mastodon: ${account.id} shows no ${kind}`, {
              url,
            });
          }
        }
        return { items: data.map((a) => toAccount(a, domain)), next, skipped };
      } catch (error) {
        if (isCrawlError(error, 'http_error') && (error.status === 403 || error.status === 401)) {
          throw new CrawlError('hidden_collection', `crawl/mastodon: ${account.id} hides its ${kind}`, {
            status: error.status,
            url,
            cause: error,
          });
        }
        throw error;
      }
    };

  return {
    platform: 'mastodon',
    resolve,
    followers: collection('followers'),
    follows: collection('following'),
    profileUrl: (account) => {
      if (account.url) return account.url;
      const { username, domain } = parseMastodonHandle(account.handle);
      return `https://${domain}/@${username}`;
    },

    async search(keyword, cursor, options) {
      const offset = cursor ? Number(cursor) : 0;
      if (!Number.isInteger(offset) || offset < 0)
        throw new CrawlError('invalid_input', 'crawl/mastodon: bad cursor');
      const url = new URL(`${baseOf(searchInstance)}/api/v2/search`);
      const params = { q: keyword, type: 'accounts', limit: String(SEARCH_LIMIT), offset: String(offset) };
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      const { data } = await get(url, z.object({ accounts: z.array(z.unknown()) }), options);
      const { valid, skipped } = accountsOf(data.accounts);
      return {
        items: valid.map((raw) => toAccount(raw, searchInstance)),
        skipped,
        next: data.accounts.length < SEARCH_LIMIT ? null : String(offset + data.accounts.length),
      };
    },

    async profiles(accounts, options) {
      const out: Array<Account | null> = new Array(accounts.length).fill(null);
      for (let i = 0; i < accounts.length; i += PROFILE_CONCURRENCY) {
        const batch = accounts.slice(i, i + PROFILE_CONCURRENCY);
        await Promise.all(
          batch.map(async (account, j) => {
            try {
              out[i + j] = await resolve(account.handle || account.id, options);
            } catch (error) {
              if (!isCrawlError(error, 'not_found')) throw error;
            }
          }),
        );
      }
      return out.filter((a): a is Account => a !== null);
    },

    async recentPosts(account, limit, options) {
      const home = account.nativeId ? account : await resolve(account.id, options);
      const { domain } = parseMastodonHandle(home.id);
      const posts: Post[] = [];
      let url: string | null =
        `${baseOf(domain)}/api/v1/accounts/${encodeURIComponent(home.nativeId!)}/statuses` +
        `?limit=${Math.min(STATUSES_LIMIT, Math.max(1, limit))}&exclude_reblogs=true&exclude_replies=true`;
      for (let pages = 0; url && posts.length < limit && pages < MAX_STATUS_PAGES; pages += 1) {
        const page: { data: z.infer<typeof statusSchema>[]; next: string | null } = await get(
          url,
          z.array(statusSchema),
          options,
        );
        for (const status of page.data) {
          if (status.reblog || posts.length >= limit) continue;
          posts.push({
            id: status.id,
            url: status.url ?? undefined,
            createdAt: status.created_at,
            text: htmlToText(status.content),
            likes: status.favourites_count ?? 0,
            reposts: status.reblogs_count ?? 0,
            replies: status.replies_count ?? 0,
            quotes: status.quotes_count,
          });
        }
        url = page.next;
      }
      return posts;
    },
  };
};
