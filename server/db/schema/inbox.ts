/**
 * The replies side of outreach: where each mailbox's IMAP folder was read up to, every inbound
 * message once (classified and matched to its outgoing thread), and the per-workspace choice of
 * the stage a replying deal moves to. The sending side is in outreach.ts.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { contacts } from './contacts.ts';
import { deals } from './deals.ts';
import { enrolments, mailboxes, outreachMessages } from './outreach.ts';
import { stages } from './stages.ts';

const at = () => timestamp({ withTimezone: true });

/**
 * Incremental sync state of one IMAP folder: UIDs are only comparable under one UIDVALIDITY,
 * so a new UIDVALIDITY starts again from UID 0 (inbound messages dedupe by their key).
 * `leaseOwner`/`leaseUntil` let one sync at a time read the folder, whoever started it.
 */
export const inboxFolders = pgTable(
  'inbox_folders',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mailboxId: uuid()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text().notNull(),
    uidValidity: bigint({ mode: 'number' }),
    lastUid: bigint({ mode: 'number' }).notNull().default(0),
    leaseOwner: text(),
    leaseUntil: at(),
    lastSyncedAt: at(),
    /** Messages stored by the last sync that found any (for the UI's "last checked"). */
    lastFetched: integer().notNull().default(0),
    lastError: text(),
    lastErrorAt: at(),
  },
  (t) => [uniqueIndex('inbox_folders_mailbox_folder_unique').on(t.mailboxId, t.folder)],
);

export const inboundKinds = ['reply', 'auto_reply', 'bounce', 'unsubscribe', 'unrelated'] as const;
export type InboundKind = (typeof inboundKinds)[number];
export const matchMethods = [
  'in_reply_to',
  'references',
  'sender_subject',
  'sender',
  'bounce_report',
  'bounce_recipient',
] as const;
export type MatchMethod = (typeof matchMethods)[number];

/**
 * One message read from a mailbox. `messageKey` is its Message-ID, or a hash of its source when
 * it has none, so reading it again (a retry, a new UIDVALIDITY) finds the row already there.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mailboxId: uuid()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text().notNull(),
    uidValidity: bigint({ mode: 'number' }).notNull(),
    uid: bigint({ mode: 'number' }).notNull(),
    messageKey: text().notNull(),
    messageId: text(),
    kind: text({ enum: inboundKinds }).notNull(),
    /** Why it was classified so (the header or subject that made it an auto-reply, the DSN status). */
    reason: text(),
    fromAddress: text().notNull().default(''),
    fromName: text().notNull().default(''),
    subject: text().notNull().default(''),
    sentAt: at(),
    /** The new part of the body, and the quoted part split off from it. */
    bodyText: text().notNull().default(''),
    quotedText: text().notNull().default(''),
    contactId: uuid().references(() => contacts.id, { onDelete: 'set null' }),
    dealId: uuid().references(() => deals.id, { onDelete: 'set null' }),
    enrolmentId: uuid().references(() => enrolments.id, { onDelete: 'set null' }),
    outreachMessageId: uuid().references(() => outreachMessages.id, { onDelete: 'set null' }),
    matchedBy: text({ enum: matchMethods }),
    bounceRecipient: text(),
    bounceStatus: text(),
    bounceDiagnostic: text(),
    handledAt: at(),
    handledBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    receivedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_messages_key_unique').on(t.mailboxId, t.messageKey),
    index('inbound_messages_workspace_idx').on(t.workspaceId, t.kind, t.receivedAt),
    index('inbound_messages_contact_idx').on(t.contactId),
    index('inbound_messages_open_idx')
      .on(t.workspaceId, t.receivedAt)
      .where(sql`${t.kind} = 'reply' and ${t.handledAt} is null`),
  ],
);

/** Per-workspace inbox settings; without a row (or a stage), replies go to the stage named Replied. */
export const inboxSettings = pgTable('inbox_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  repliedStageId: uuid().references(() => stages.id, { onDelete: 'set null' }),
  updatedAt: at().notNull().defaultNow(),
});

export type InboxFolder = typeof inboxFolders.$inferSelect;
export type InboundMessage = typeof inboundMessages.$inferSelect;
