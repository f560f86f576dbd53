/** Deals: a contact in a campaign's pipeline, with its fee and deliverables. */
import { relations } from 'drizzle-orm';
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
import { users, workspaces } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { timestamps } from './columns.ts';
import { contacts } from './contacts.ts';
import { stages } from './stages.ts';

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

export const dealsRelations = relations(deals, ({ one }) => ({
  campaign: one(campaigns, { fields: [deals.campaignId], references: [campaigns.id] }),
  contact: one(contacts, { fields: [deals.contactId], references: [contacts.id] }),
  stage: one(stages, { fields: [deals.stageId], references: [stages.id] }),
}));

export type Deal = typeof deals.$inferSelect;
