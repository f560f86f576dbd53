/**
 * What measuring a post needs from a platform: the post with its counts, who reshared it (with
 * when and, on Bluesky, through whom), the author's recent posts, hashtag timelines and post
 * search. Like `Connector`, these are stateless translators; failures are `CrawlError`s, and a
 * post that is gone (deleted or hidden) is `CrawlError('not_found')`.
 *
 *   const posts = createBlueskyPosts({ fetcher, baseUrl });
 *   const ref = await posts.refOf('https://bsky.app/profile/alice.bsky.social/post/3k…');
 *   const view = await posts.post(ref);            // counts now
 *   const page = await posts.reposts(ref);         // who reposted, newest first
 */
import type { Account, CallOptions, Page } from './types.ts';

export type PostPlatform = 'bluesky' | 'mastodon';

/** Where a post lives: an at-uri on Bluesky; `<status id>` on `instance` for Mastodon. */
export type PostRef = { platform: PostPlatform; id: string; instance?: string };

export type PostCounts = { likes: number; reposts: number; quotes: number; replies: number };

export type PostView = {
  ref: PostRef;
  url: string;
  author: Account;
  createdAt: string;
  text: string;
  counts: PostCounts;
};

export type ReshareKind = 'repost' | 'quote' | 'reply';

/** One account's reshare of a post. */
export type Reshare = {
  kind: ReshareKind;
  account: Account;
  /** When it happened, if the platform says; else undefined (the caller uses when it saw it). */
  at?: string;
  /** Bluesky: the account whose repost this one came through (the repost record's `via`). */
  viaAccountId?: string;
};

export type PostConnector = {
  readonly platform: PostPlatform;
  /** Reads a pasted URL or at-uri; null if it is not this platform's post address. */
  parse(input: string): { ref?: PostRef; actor?: string; rkey?: string } | null;
  /** The post's ref for a pasted address (resolving a handle to a DID where needed). */
  refOf(input: string, options?: CallOptions): Promise<PostRef>;
  post(ref: PostRef, options?: CallOptions): Promise<PostView>;
  /** Reposters, newest first; Bluesky adds time and `via` through `repostDetails`. */
  reposts(ref: PostRef, cursor?: string, options?: CallOptions): Promise<Page<Reshare>>;
  quotes(ref: PostRef, cursor?: string, options?: CallOptions): Promise<Page<Reshare>>;
  replies(ref: PostRef, options?: CallOptions): Promise<Reshare[]>;
  likers(ref: PostRef, cursor?: string, options?: CallOptions): Promise<Page<Account>>;
  /** When and through whom `account` reposted `ref` (Bluesky: its feed and the repost record). */
  repostDetails?(ref: PostRef, account: Account, options?: CallOptions): Promise<Partial<Reshare>>;
  /** The account's own recent posts, newest first, stopping at `since`. */
  authorPosts(account: Account, since: string, limit: number, options?: CallOptions): Promise<PostView[]>;
  /** Public posts with a hashtag (Mastodon) or matching a query (Bluesky, signed in), newest first. */
  searchPosts(query: string, cursor?: string, options?: CallOptions): Promise<Page<PostView>>;
};
