/** The niche aggregate: a niche, its accounts and the follows between them. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const nichePlatforms = ['bluesky', 'mastodon', 'file'] as const;
export type NichePlatform = (typeof nichePlatforms)[number];

export const nicheStatuses = [
  'idle',
  'crawling',
  'paused',
  'importing',
  'scoring',
  'ready',
  'failed',
] as const;
export type NicheStatus = (typeof nicheStatuses)[number];

export type CrawlBudget = { maxRequests: number; maxAccounts: number; maxMinutes: number };

/** A niche: a named follower graph around seed accounts or keywords, on one platform. */
export const niches = pgTable(
  'niches',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    platform: text({ enum: nichePlatforms }).notNull(),
    seeds: text().array().notNull().default(sql`'{}'::text[]`),
    keywords: text().array().notNull().default(sql`'{}'::text[]`),
    budget: jsonb().$type<CrawlBudget>().notNull(),
    status: text({ enum: nicheStatuses }).notNull().default('idle'),
    /** Generated demo data, labelled as such everywhere. */
    isDemo: boolean().notNull().default(false),
    lastError: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('niches_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

/** An account seen in a niche's graph. Ids are bigints so edges stay small. */
export const nicheAccounts = pgTable(
  'niche_accounts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    /** DID on Bluesky, user@instance on Mastodon, the file's node id for imports. */
    platformId: text().notNull(),
    nativeId: text(),
    handle: text().notNull(),
    displayName: text(),
    description: text(),
    avatarUrl: text(),
    url: text(),
    followersCount: integer(),
    followsCount: integer(),
    postsCount: integer(),
    accountCreatedAt: timestamp({ withTimezone: true }),
    hiddenCollections: boolean().notNull().default(false),
    isSeed: boolean().notNull().default(false),
    /** Follows a seed: part of the niche's audience. */
    isAudience: boolean().notNull().default(false),
    profileFetched: boolean().notNull().default(false),
    postsSampled: integer(),
    engagementRate: doublePrecision(),
    attributes: jsonb().$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    uniqueIndex('niche_accounts_platform_id_unique').on(t.nicheId, t.platformId),
    index('niche_accounts_handle_idx').on(t.nicheId, sql`lower(${t.handle})`),
  ],
);

/**
 * "follower follows followed", once per niche. Keyed followed-first, so "who follows X" is an
 * index range and bulk loads sorted that way append to the index. No foreign key: a per-row
 * check costs a third of a bulk load; a trigger (migration "niche_edges_cascade") removes a niche's edges with it.
 */
export const nicheEdges = pgTable(
  'niche_edges',
  {
    nicheId: uuid().notNull(),
    followerId: bigint({ mode: 'number' }).notNull(),
    followedId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'niche_edges_pk', columns: [t.nicheId, t.followedId, t.followerId] })],
);

/**
 * A name a user gave a community. Louvain numbers communities afresh on every scoring, so a
 * name is kept with the community's top members when it was named (`memberIds`) and is
 * matched to a later snapshot's community by who those members belong to (see
 * niches/community-names.service.ts).
 */
export const communityNames = pgTable(
  'community_names',
  {
    id: uuid().primaryKey().defaultRandom(),
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    memberIds: bigint({ mode: 'number' }).array().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('community_names_niche_idx').on(t.nicheId, t.createdAt)],
);

export type Niche = typeof niches.$inferSelect;
export type NicheAccount = typeof nicheAccounts.$inferSelect;
