/** Campaigns: a client's seeding campaign, its budget and goals. */
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { timestamps } from './columns.ts';

export const campaignStatuses = ['planning', 'active', 'finished', 'archived'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** A seeding campaign for a client. Money is in minor units (cents) of `currency`. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    client: text().notNull().default(''),
    brief: text().notNull().default(''),
    niches: text().array().notNull().default(sql`'{}'::text[]`),
    budgetMinor: bigint({ mode: 'number' }).notNull().default(0),
    currency: text().notNull().default('EUR'),
    startsOn: date(),
    endsOn: date(),
    goalReach: bigint({ mode: 'number' }),
    goalPosts: integer(),
    goalEmvMinor: bigint({ mode: 'number' }),
    status: text({ enum: campaignStatuses }).notNull().default('planning'),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [index('campaigns_workspace_status_idx').on(t.workspaceId, t.status, sql`lower(${t.name})`)],
);

export type Campaign = typeof campaigns.$inferSelect;
