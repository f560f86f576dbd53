import { relations, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './accounts.ts';
import { niches } from './niches.ts';

export const platforms = [
  'bluesky',
  'mastodon',
  'instagram',
  'tiktok',
  'youtube',
  'x',
  'twitch',
  'vk',
  'telegram',
  'other',
] as const;
export type Platform = (typeof platforms)[number];

/** A person or brand the workspace may work with. */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    emails: text().array().notNull().default(sql`'{}'::text[]`),
    notes: text().notNull().default(''),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** Never approach this person: shown everywhere and refused when adding them to a deal. */
    doNotContact: boolean().notNull().default(false),
    /**
     * Name, emails, tags and handles, lower-cased and newline-separated, kept by a trigger
     * (migration 0003) so a search is one scan of one column.
     */
    searchText: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contacts_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index('contacts_tags_idx').using('gin', t.tags),
  ],
);

/** A contact's presence on a social platform; a handle belongs to at most one contact per workspace. */
export const contactSocialAccounts = pgTable(
  'contact_social_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    platform: text({ enum: platforms }).notNull(),
    handle: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_social_accounts_handle_unique').on(
      t.workspaceId,
      t.platform,
      sql`lower(${t.handle})`,
    ),
    index('contact_social_accounts_contact_idx').on(t.contactId),
  ],
);

/**
 * Where a contact was found: the niche account it came from, with its score and rank at the
 * moment it was added, so the contact page can link back and say why they were picked. The
 * niche name is copied: the origin stays readable after the niche is deleted.
 */
export const contactOrigins = pgTable(
  'contact_origins',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    nicheId: uuid().references(() => niches.id, { onDelete: 'set null' }),
    nicheName: text().notNull(),
    accountId: bigint({ mode: 'number' }).notNull(),
    platform: text({ enum: platforms }).notNull(),
    handle: text().notNull(),
    profileUrl: text(),
    snapshotId: uuid(),
    score: real(),
    rank: integer(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contact_origins_unique').on(t.contactId, t.nicheId, t.accountId)],
);

export const contactsRelations = relations(contacts, ({ many }) => ({
  socialAccounts: many(contactSocialAccounts),
}));
export const contactSocialAccountsRelations = relations(contactSocialAccounts, ({ one }) => ({
  contact: one(contacts, { fields: [contactSocialAccounts.contactId], references: [contacts.id] }),
}));

export type Contact = typeof contacts.$inferSelect;
export type ContactSocialAccount = typeof contactSocialAccounts.$inferSelect;
export type ContactOrigin = typeof contactOrigins.$inferSelect;
