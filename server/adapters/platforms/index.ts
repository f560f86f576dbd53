export {
  BLUESKY_DEFAULT_APPVIEW,
  BLUESKY_PROFILES_BATCH,
  type BlueskyConnectorOptions,
  createBlueskyConnector,
  normalizeBlueskyActor,
} from './bluesky.ts';
export { decodeEntities, htmlToText } from './html-text.ts';
export {
  createMastodonConnector,
  type MastodonConnectorOptions,
  nextLink,
  parseMastodonHandle,
} from './mastodon.ts';
export type { Account, CallOptions, Connector, Page, Platform, Post } from './types.ts';
