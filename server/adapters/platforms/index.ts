export {
  BLUESKY_DEFAULT_APPVIEW,
  BLUESKY_PROFILES_BATCH,
  type BlueskyConnectorOptions,
  createBlueskyConnector,
  normalizeBlueskyActor,
} from './bluesky.ts';
export { type BlueskyLogin, type BlueskyPostsOptions, createBlueskyPosts } from './bluesky-posts.ts';
export { decodeEntities, htmlToText } from './html-text.ts';
export {
  createMastodonConnector,
  type MastodonConnectorOptions,
  nextLink,
  parseMastodonHandle,
} from './mastodon.ts';
export { createMastodonPosts, type MastodonPostsOptions } from './mastodon-posts.ts';
export type {
  PostConnector,
  PostCounts,
  PostPlatform,
  PostRef,
  PostView,
  Reshare,
  ReshareKind,
} from './post-types.ts';
export type { Account, CallOptions, Connector, Page, Platform, Post } from './types.ts';
