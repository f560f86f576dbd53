/** Crawls: one run per crawl of a niche, and its frontier of tasks. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { type CrawlBudget, niches } from './niches.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

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

export type CrawlRun = typeof crawlRuns.$inferSelect;
export type CrawlTask = typeof crawlTasks.$inferSelect;
