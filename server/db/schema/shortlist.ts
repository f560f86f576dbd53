import { bigint, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { contacts } from './contacts.ts';
import { niches } from './niches.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

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
