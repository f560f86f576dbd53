import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { niches } from './niches.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

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

export type ScoreSnapshot = typeof scoreSnapshots.$inferSelect;
