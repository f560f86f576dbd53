import { relations, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { contacts } from './contacts.ts';

export const campaignStatuses = ['planning', 'active', 'finished', 'archived'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

export const deliverableKinds = ['post', 'story', 'video', 'repost'] as const;
export const deliverableStatuses = ['planned', 'in_progress', 'live', 'cancelled'] as const;

/** One promised piece of content; kept inside its deal as JSON, validated at the API boundary. */
export type Deliverable = {
  kind: (typeof deliverableKinds)[number];
  platform: string;
  dueOn: string | null;
  status: (typeof deliverableStatuses)[number];
  url: string | null;
};

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

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

/** A pipeline column, per workspace; `committed` stages count their fees against the budget. */
export const stages = pgTable(
  'stages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    kind: text({ enum: stageKinds }).notNull().default('open'),
    committed: boolean().notNull().default(false),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stages_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

/** A contact in a campaign's pipeline. `version` guards concurrent edits; `position` orders a column. */
export const deals = pgTable(
  'deals',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    stageId: uuid()
      .notNull()
      .references(() => stages.id),
    position: integer().notNull(),
    feeMinor: bigint({ mode: 'number' }),
    currency: text().notNull(),
    deliverables: jsonb().$type<Deliverable[]>().notNull().default([]),
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    nextAction: text().notNull().default(''),
    nextActionAt: timestamp({ withTimezone: true }),
    notes: text().notNull().default(''),
    stageEnteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('deals_campaign_contact_unique').on(t.campaignId, t.contactId),
    index('deals_campaign_stage_position_idx').on(t.campaignId, t.stageId, t.position),
    index('deals_contact_idx').on(t.contactId),
    index('deals_stage_idx').on(t.stageId),
  ],
);

export const activitySubjects = ['contact', 'campaign', 'deal'] as const;

/**
 * What happened, for timelines: one row per event, linked to the contact and campaign it
 * concerns so both feeds are one indexed read. Later features (emails) append their own kinds.
 */
export const activities = pgTable(
  'activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subjectType: text({ enum: activitySubjects }).notNull(),
    subjectId: uuid().notNull(),
    contactId: uuid().references(() => contacts.id, { onDelete: 'cascade' }),
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'cascade' }),
    dealId: uuid().references(() => deals.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activities_contact_idx').on(t.contactId, t.createdAt),
    index('activities_campaign_idx').on(t.campaignId, t.createdAt),
    index('activities_deal_idx').on(t.dealId, t.createdAt),
  ],
);

export const dealsRelations = relations(deals, ({ one }) => ({
  campaign: one(campaigns, { fields: [deals.campaignId], references: [campaigns.id] }),
  contact: one(contacts, { fields: [deals.contactId], references: [contacts.id] }),
  stage: one(stages, { fields: [deals.stageId], references: [stages.id] }),
}));

export type Campaign = typeof campaigns.$inferSelect;
export type Stage = typeof stages.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type Activity = typeof activities.$inferSelect;
