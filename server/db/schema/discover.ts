import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { contacts } from './contacts.ts';

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

export type UploadOptions = { mutual?: boolean; accountsIdColumn?: string; delimiter?: string };

export type CrawlBudget = { maxRequests: number; maxAccounts: number; maxMinutes: number };

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

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

export const crawlStatuses = ['running', 'paused', 'cancelled', 'done', 'failed'] as const;
export type CrawlStatus = (typeof crawlStatuses)[number];

/** One crawl of a niche, with its counters; the frontier is in crawl_tasks. */
export const crawlRuns = pgTable(
  'crawl_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    workspaceId: uuid().notNull(),
    status: text({ enum: crawlStatuses }).notNull().default('running'),
    phase: text().notNull().default('seeds'),
    budget: jsonb().$type<CrawlBudget>().notNull(),
    requests: integer().notNull().default(0),
    accounts: integer().notNull().default(0),
    edges: integer().notNull().default(0),
    errors: integer().notNull().default(0),
    retries: integer().notNull().default(0),
    rateLimited: integer().notNull().default(0),
    /** Crawling time used so far, so pauses do not eat the time budget. */
    activeMs: bigint({ mode: 'number' }).notNull().default(0),
    /** Which worker holds the run, until when: two workers never crawl one run at once. */
    leaseOwner: text(),
    leaseUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    startedAt: createdAt(),
    updatedAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('crawl_runs_niche_idx').on(t.nicheId, t.startedAt)],
);

export const crawlTaskKinds = ['seed', 'search', 'followers', 'follows', 'profiles', 'posts'] as const;
export type CrawlTaskKind = (typeof crawlTaskKinds)[number];

/** The crawl frontier: one row per unit of paginated work, with the cursor it stopped at. */
export const crawlTasks = pgTable(
  'crawl_tasks',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid()
      .notNull()
      .references(() => crawlRuns.id, { onDelete: 'cascade' }),
    kind: text({ enum: crawlTaskKinds }).notNull(),
    /** Handle or keyword for seed/search; unused otherwise. */
    arg: text(),
    accountId: bigint({ mode: 'number' }),
    cursor: text(),
    pages: integer().notNull().default(0),
    status: text({ enum: ['pending', 'done', 'skipped', 'failed'] })
      .notNull()
      .default('pending'),
    priority: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    index('crawl_tasks_pending_idx').on(t.runId, t.status, t.priority, t.id),
    uniqueIndex('crawl_tasks_unique').on(
      t.runId,
      t.kind,
      sql`coalesce(${t.accountId}, 0)`,
      sql`coalesce(${t.arg}, '')`,
    ),
  ],
);

/** A scoring of a niche at one moment; earlier snapshots stay for comparison. */
export const scoreSnapshots = pgTable(
  'score_snapshots',
  {
    id: uuid().primaryKey().defaultRandom(),
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    workspaceId: uuid().notNull(),
    createdAt: createdAt(),
    nodeCount: integer().notNull(),
    edgeCount: integer().notNull(),
    modularity: doublePrecision().notNull(),
    communityCount: integer().notNull(),
    /** Largest communities with their top accounts (niche account ids). */
    communities: jsonb().$type<{ id: number; size: number; topAccountIds: number[] }[]>().notNull(),
    weights: jsonb().$type<Record<string, number>>().notNull(),
    meta: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('score_snapshots_niche_idx').on(t.nicheId, t.createdAt)],
);

/** Every account's scores in a snapshot. Percentiles are kept so each score can be explained. */
export const nicheScores = pgTable(
  'niche_scores',
  {
    snapshotId: uuid()
      .notNull()
      .references(() => scoreSnapshots.id, { onDelete: 'cascade' }),
    accountId: bigint({ mode: 'number' }).notNull(),
    rank: integer().notNull(),
    score: real().notNull(),
    /** Followers inside the crawled graph. */
    inDegree: integer().notNull().default(0),
    /** Followers among the niche audience (seed followers). */
    nicheFollowers: integer().notNull(),
    reach: real().notNull(),
    pagerank: doublePrecision().notNull(),
    hub: real().notNull(),
    authority: real().notNull(),
    betweenness: real().notNull(),
    coreness: integer().notNull(),
    nicheAffinity: real().notNull(),
    audienceQuality: real(),
    community: integer().notNull(),
    /** Percentile (0..1) of each component, in the snapshot's component order. */
    percentiles: real().array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.accountId] }),
    uniqueIndex('niche_scores_rank_idx').on(t.snapshotId, t.rank),
    index('niche_scores_community_idx').on(t.snapshotId, t.community, t.rank),
  ],
);

/** Accounts a team picked from a niche, and the contact each became. */
export const shortlist = pgTable(
  'shortlist',
  {
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    accountId: bigint({ mode: 'number' }).notNull(),
    workspaceId: uuid().notNull(),
    contactId: uuid().references(() => contacts.id, { onDelete: 'set null' }),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.nicheId, t.accountId] })],
);

/** An uploaded graph file waiting for (or done with) import; kept in the database so any worker can read it. */
export const uploads = pgTable('uploads', {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  nicheId: uuid()
    .notNull()
    .references(() => niches.id, { onDelete: 'cascade' }),
  filename: text().notNull(),
  format: text({ enum: ['csv', 'gexf', 'graphml'] }).notNull(),
  /** Unused since files go to upload_chunks; kept (empty) so the migration drops no data. */
  edges: bytea(),
  accounts: bytea(),
  /** 'receiving' while the file streams into upload_chunks; 'running' while a worker holds the lease. */
  status: text({ enum: ['receiving', 'pending', 'running', 'done', 'failed'] })
    .notNull()
    .default('pending'),
  /** How to read the files: mutual ties as two follows, which accounts column holds node ids. */
  options: jsonb().$type<UploadOptions>().notNull().default({}),
  progress: jsonb().$type<{ accounts: number; edges: number; phase: string }>(),
  error: text(),
  /** Something the user should know about a finished import, e.g. the file was not UTF-8. */
  warning: text(),
  /** Until when the worker running it is known to be alive; after that, anyone may take it over. */
  leaseUntil: timestamp({ withTimezone: true }),
  /** Runs started: an import that keeps dying (out of memory) is failed instead of retried forever. */
  attempts: integer().notNull().default(0),
  createdAt: createdAt(),
});

/**
 * An upload's files in pieces of about 1 MiB, so neither the upload nor the import ever holds a
 * whole file in memory, and any worker on any machine can read it. Deleted once imported.
 */
export const uploadChunks = pgTable(
  'upload_chunks',
  {
    uploadId: uuid()
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    part: text({ enum: ['edges', 'accounts'] }).notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.part, t.seq] })],
);

export type Niche = typeof niches.$inferSelect;
export type NicheAccount = typeof nicheAccounts.$inferSelect;
export type CrawlRun = typeof crawlRuns.$inferSelect;
export type CrawlTask = typeof crawlTasks.$inferSelect;
export type ScoreSnapshot = typeof scoreSnapshots.$inferSelect;
