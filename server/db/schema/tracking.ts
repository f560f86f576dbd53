/**
 * Tracking: a campaign's live posts, their append-only snapshots, who reshared them, the follows
 * fetched to reconstruct cascades, organic mentions, and per-workspace measurement settings.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { timestamps } from './columns.ts';
import { deals } from './deals.ts';

export const trackedPostStatuses = ['proposed', 'tracking', 'ended', 'deleted', 'dismissed'] as const;
export type TrackedPostStatus = (typeof trackedPostStatuses)[number];
export const trackingPlatforms = ['bluesky', 'mastodon'] as const;

/** A post on a deal: pasted (tracking at once) or found by a scan (proposed until confirmed). */
export const trackedPosts = pgTable(
  'tracked_posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    dealId: uuid()
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    platform: text({ enum: trackingPlatforms }).notNull(),
    /** Bluesky at-uri; Mastodon status id on `instance`. */
    postRef: text().notNull(),
    instance: text(),
    url: text().notNull(),
    authorId: text().notNull(),
    authorHandle: text().notNull(),
    /** The author's follower count when last seen (direct reach); null if never known. */
    authorFollowers: integer(),
    text: text().notNull().default(''),
    postedAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: trackedPostStatuses }).notNull(),
    source: text({ enum: ['pasted', 'found'] }).notNull(),
    /** The author is not one of the deal contact's accounts. */
    authorMismatch: boolean().notNull().default(false),
    nextPollAt: timestamp({ withTimezone: true }),
    lastPolledAt: timestamp({ withTimezone: true }),
    failedPolls: integer().notNull().default(0),
    lastError: text(),
    deletedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('tracked_posts_campaign_post_unique').on(t.campaignId, t.platform, t.postRef),
    index('tracked_posts_deal_idx').on(t.dealId),
    index('tracked_posts_due_idx').on(t.status, t.nextPollAt),
  ],
);

/** One poll's counts. Append-only: written whole in one insert, never updated. */
export const postSnapshots = pgTable(
  'post_snapshots',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    trackedPostId: uuid()
      .notNull()
      .references(() => trackedPosts.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull(),
    likes: integer().notNull(),
    reposts: integer().notNull(),
    quotes: integer().notNull(),
    replies: integer().notNull(),
    authorFollowers: integer(),
  },
  (t) => [uniqueIndex('post_snapshots_post_at_unique').on(t.trackedPostId, t.at)],
);

/** An account that reposted, quoted or replied to a tracked post. */
export const postResharers = pgTable(
  'post_resharers',
  {
    trackedPostId: uuid()
      .notNull()
      .references(() => trackedPosts.id, { onDelete: 'cascade' }),
    accountId: text().notNull(),
    kind: text({ enum: ['repost', 'quote', 'reply'] }).notNull(),
    handle: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    /** True when the platform said when; false when `at` is when Murmur first saw it. */
    atFromPlatform: boolean().notNull(),
    viaAccountId: text(),
    followersCount: integer(),
    /** Order within the poll that found it (newest first lists), to break equal times. */
    seenOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.trackedPostId, t.accountId, t.kind] })],
);

/** Whom an account follows, fetched for cascade reconstruction (per workspace, per platform). */
export const fetchedFollows = pgTable(
  'fetched_follows',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text({ enum: trackingPlatforms }).notNull(),
    accountId: text().notNull(),
    follows: text().array().notNull().default(sql`'{}'::text[]`),
    /** False when the list was cut short by the budget or hidden by its owner. */
    complete: boolean().notNull(),
    fetchedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform, t.accountId] })],
);

/** What a campaign's posts are recognised by, and its budget of follow-list requests. */
export const campaignTracking = pgTable('campaign_tracking', {
  campaignId: uuid()
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  hashtags: text().array().notNull().default(sql`'{}'::text[]`),
  links: text().array().notNull().default(sql`'{}'::text[]`),
  keywords: text().array().notNull().default(sql`'{}'::text[]`),
  followBudget: integer().notNull().default(200),
  followRequestsUsed: integer().notNull().default(0),
  lastScanAt: timestamp({ withTimezone: true }),
  lastScanNote: text(),
  ...timestamps,
});

/** A post by an account outside the campaign that mentions its hashtags, links or keywords. */
export const organicMentions = pgTable(
  'organic_mentions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    platform: text({ enum: trackingPlatforms }).notNull(),
    postRef: text().notNull(),
    url: text().notNull(),
    authorHandle: text().notNull(),
    text: text().notNull(),
    postedAt: timestamp({ withTimezone: true }).notNull(),
    engagements: integer().notNull(),
  },
  (t) => [uniqueIndex('organic_mentions_unique').on(t.campaignId, t.platform, t.postRef)],
);

/** Inputs of the advertising-equivalent estimate, per workspace; CPM in minor units. */
export const measurementSettings = pgTable('measurement_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  currency: text().notNull().default('EUR'),
  cpmBlueskyMinor: integer().notNull().default(500),
  cpmMastodonMinor: integer().notNull().default(300),
  impressionsPerReach: doublePrecision().notNull().default(0.3),
  /** A Bluesky account used only for post search; the app password sealed (purpose "bluesky"). */
  blueskyIdentifier: text(),
  blueskyPasswordSealed: text(),
  /** The account's PDS, where createSession and search go; null means https://bsky.social. */
  blueskyServiceUrl: text(),
  ...timestamps,
});

export type TrackedPost = typeof trackedPosts.$inferSelect;
export type PostSnapshot = typeof postSnapshots.$inferSelect;
export type PostResharer = typeof postResharers.$inferSelect;
