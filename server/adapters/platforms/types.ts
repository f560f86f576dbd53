/**
 * The one interface every platform connector implements, and the plain shapes it returns.
 * Connectors are stateless translators between a platform's public API and these shapes; the
 * crawl job owns scheduling, persistence and deduplication. All network failures surface as
 * `CrawlError` (server/adapters/http/crawl.errors.ts); an account that hides its graph surfaces as
 * `CrawlError('hidden_collection')` from `followers`/`follows`, never as an endless retry.
 *
 *   const bsky = createBlueskyConnector({ fetcher });
 *   const alice = await bsky.resolve('alice.bsky.social');
 *   for (let cursor: string | null | undefined; cursor !== null; ) {
 *     const page = await bsky.followers(alice, cursor ?? undefined);
 *     save(page.items); cursor = page.next;
 *   }
 */

export type Platform = 'bluesky' | 'mastodon' | 'file';

export type Account = {
  platform: Platform;
  /**
   * Stable identity on the platform: a DID on Bluesky; `user@instance` (lowercase) on Mastodon,
   * because Mastodon's numeric ids differ from instance to instance.
   */
  id: string;
  /** What a person types: `alice.bsky.social`, `alice@mastodon.social`. */
  handle: string;
  /** The id the platform's API takes, when it differs from `id` (Mastodon: the home instance's id). */
  nativeId?: string;
  displayName?: string;
  /** Plain text (Mastodon's HTML `note` is stripped). */
  description?: string;
  avatarUrl?: string;
  followersCount?: number;
  followsCount?: number;
  postsCount?: number;
  createdAt?: string;
  url?: string;
  /** True when the owner hides who follows them and whom they follow. */
  hiddenCollections?: boolean;
};

export type Page<T> = {
  items: T[];
  /** Opaque: pass it back to get the next page; `null` at the end. */
  next: string | null;
  /** Entries the server sent that could not be read and were left out. */
  skipped?: number;
};

export type Post = {
  /** Bluesky at-uri, Mastodon status id. */
  id: string;
  url?: string;
  createdAt: string;
  /** Plain text. */
  text: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes?: number;
};

/** Options every call accepts. */
export type CallOptions = { signal?: AbortSignal };

export type Connector = {
  readonly platform: Platform;
  /** Looks up one account by handle (or DID / `user@instance`); `not_found` if there is none. */
  resolve(handle: string, options?: CallOptions): Promise<Account>;
  search(keyword: string, cursor?: string, options?: CallOptions): Promise<Page<Account>>;
  /** Accounts that follow `account`. */
  followers(account: Account, cursor?: string, options?: CallOptions): Promise<Page<Account>>;
  /** Accounts that `account` follows. */
  follows(account: Account, cursor?: string, options?: CallOptions): Promise<Page<Account>>;
  /**
   * Fresh full profiles (with counts) for many accounts, batched as the platform allows
   * (25 per call on Bluesky). Accounts that no longer exist are left out, order is kept.
   */
  profiles(accounts: Account[], options?: CallOptions): Promise<Account[]>;
  /** The account's own latest posts (no reposts of others), newest first, at most `limit`. */
  recentPosts(account: Account, limit: number, options?: CallOptions): Promise<Post[]>;
  /** Where a person can see the account in a browser. */
  profileUrl(account: Account): string;
};
