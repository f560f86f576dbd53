import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';

export const auditEntities = [
  'contact',
  'deal',
  'campaign',
  'stage',
  'member',
  'invitation',
  'api_key',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

/**
 * Who changed what, when, for admins. `changes` may hold personal data, so erasing a contact
 * deletes its entries and leaves one `erased` entry that holds nothing but ids.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    entityType: text({ enum: auditEntities }).notNull(),
    entityId: uuid().notNull(),
    /** The contact a deal or contact entry concerns, so erasure can find every entry about them. */
    contactId: uuid(),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('audit_log_contact_idx').on(t.contactId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
