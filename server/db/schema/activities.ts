/** Timeline events about contacts, campaigns and deals. */
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { contacts } from './contacts.ts';
import { deals } from './deals.ts';

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

export type Activity = typeof activities.$inferSelect;
