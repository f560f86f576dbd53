/**
 * Outreach by email: mailboxes, sender identities, templates, sequences, enrolments, the
 * outgoing message queue, suppressions, and the single-use tokens of system mail. The IMAP side
 * (replies, bounces) keeps its own tables in inbox.ts and refers to these.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { deals } from './deals.ts';

const at = () => timestamp({ withTimezone: true });

export const smtpTlsModes = ['implicit', 'starttls', 'none'] as const;
export type SmtpTlsMode = (typeof smtpTlsModes)[number];

/** Weekdays (0 = Sunday) and minutes after local midnight; `null` window = any time. */
export type SendWindow = { days: number[]; startMinute: number; endMinute: number };

/**
 * A sending mailbox. Passwords and the DKIM key are sealed with lib/secret-box (purpose
 * "mailbox") and never leave the server. Caps: `null` means uncapped (loopback relays, benches).
 * A new mailbox ramps: its daily cap on day n (from `createdAt`) is min(dailyCap, rampStart + n·rampPerDay).
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    fromAddress: text().notNull(),
    smtpHost: text().notNull(),
    smtpPort: integer().notNull(),
    smtpTls: text({ enum: smtpTlsModes }).notNull(),
    smtpUser: text().notNull().default(''),
    smtpPasswordSealed: text(),
    imapHost: text(),
    imapPort: integer(),
    imapTls: boolean().notNull().default(true),
    imapUser: text(),
    imapPasswordSealed: text(),
    imapFolder: text().notNull().default('INBOX'),
    dkimDomain: text(),
    dkimSelector: text(),
    dkimPrivateKeySealed: text(),
    dailyCap: integer().default(50),
    hourlyCap: integer().default(10),
    rampStart: integer().notNull().default(10),
    rampPerDay: integer().notNull().default(5),
    /** Minimum minutes between two sends, plus up to `jitterMinutes` of random extra. */
    spacingMinutes: integer().notNull().default(3),
    jitterMinutes: integer().notNull().default(4),
    sendWindow: jsonb()
      .$type<SendWindow>()
      .default({ days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 }),
    /** IANA zone for the window; null = the workspace's zone. */
    timeZone: text(),
    enabled: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [index('mailboxes_workspace_idx').on(t.workspaceId)],
);

/** Workspace-wide outreach settings; one row per workspace, created on first use. */
export const outreachSettings = pgTable('outreach_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  timeZone: text().notNull().default('UTC'),
  updatedAt: at().notNull().defaultNow(),
});

/** How a user signs their mail: a from name, an address of an allowed mailbox, a signature. */
export const senderIdentities = pgTable(
  'sender_identities',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mailboxId: uuid()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    fromName: text().notNull(),
    signatureHtml: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('sender_identities_user_unique').on(t.workspaceId, t.userId)],
);

/** A Mustache template; subject and HTML body, escaped by default. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    subject: text().notNull(),
    bodyHtml: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [index('email_templates_workspace_idx').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const sequenceStatuses = ['active', 'paused', 'archived'] as const;

export const sequences = pgTable(
  'sequences',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'set null' }),
    status: text({ enum: sequenceStatuses }).notNull().default('active'),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('sequences_workspace_idx').on(t.workspaceId)],
);

/** Step n of a sequence goes `delayDays` after the first step; each step is one template. */
export const sequenceSteps = pgTable(
  'sequence_steps',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sequenceId: uuid()
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    delayDays: integer().notNull(),
    templateId: uuid()
      .notNull()
      .references(() => emailTemplates.id),
  },
  (t) => [uniqueIndex('sequence_steps_position_unique').on(t.sequenceId, t.position)],
);

export const enrolmentStatuses = ['active', 'completed', 'stopped'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
/** Why an enrolment stopped: written by the inbox (replied, bounced), unsubscribe, or a user. */
export type StopReason = 'replied' | 'bounced' | 'unsubscribed' | 'do_not_contact' | 'manual' | 'failed';

/** A deal's contact going through a sequence; all its messages share one thread. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sequenceId: uuid()
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    dealId: uuid().references(() => deals.id, { onDelete: 'set null' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    mailboxId: uuid()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    senderUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    toAddress: text().notNull(),
    threadId: uuid().notNull(),
    status: text({ enum: enrolmentStatuses }).notNull().default('active'),
    stopReason: text().$type<StopReason>(),
    stoppedAt: at(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolments_sequence_contact_unique').on(t.sequenceId, t.contactId),
    index('enrolments_contact_idx').on(t.workspaceId, t.contactId, t.status),
  ],
);

export const messageStatuses = ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
/** Why a scheduled message is not going yet (the outbox shows it). */
export const waitReasons = ['delay', 'window', 'cap_day', 'cap_hour', 'spacing', 'retry'] as const;
export type WaitReason = (typeof waitReasons)[number];

/**
 * One outgoing email. State machine: scheduled → sending → sent | failed | cancelled (and
 * sending → scheduled only when a crash check proves it never reached the server). The
 * RFC 5322 Message-ID is fixed at scheduling time and recorded before DATA.
 */
export const outreachMessages = pgTable(
  'outreach_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    idempotencyKey: text().notNull(),
    mailboxId: uuid()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    dealId: uuid().references(() => deals.id, { onDelete: 'set null' }),
    enrolmentId: uuid().references(() => enrolments.id, { onDelete: 'cascade' }),
    stepId: uuid().references(() => sequenceSteps.id, { onDelete: 'set null' }),
    stepPosition: integer(),
    threadId: uuid().notNull(),
    messageId: text().notNull(),
    inReplyTo: text(),
    references: text().array().notNull().default(sql`'{}'::text[]`),
    fromName: text().notNull(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    bodyHtml: text().notNull(),
    bodyText: text().notNull(),
    status: text({ enum: messageStatuses }).notNull().default('scheduled'),
    /** Earliest moment the sender asked for (step delay); `sendAt` is the planned slot. */
    notBefore: at().notNull(),
    sendAt: at().notNull(),
    waitReason: text({ enum: waitReasons }),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** The SMTP server's answer to the last attempt, shown to the user. */
    smtpResponse: text(),
    sendingStartedAt: at(),
    /** Set after the server answered DATA and before the first body byte: from here it may have the message. */
    bodyStartedAt: at(),
    /** A claim older than this belongs to a dead worker and is checked by the next one. */
    leaseUntil: at(),
    sentAt: at(),
    finishedAt: at(),
    cancelReason: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('outreach_messages_idempotency_unique').on(t.workspaceId, t.idempotencyKey),
    uniqueIndex('outreach_messages_message_id_unique').on(t.messageId),
    index('outreach_messages_due_idx').on(t.status, t.sendAt),
    index('outreach_messages_mailbox_idx').on(t.mailboxId, t.status, t.sendingStartedAt),
    index('outreach_messages_workspace_idx').on(t.workspaceId, t.status, t.sendAt),
    index('outreach_messages_thread_idx').on(t.threadId),
    index('outreach_messages_contact_idx').on(t.contactId),
  ],
);

export const suppressionReasons = ['unsubscribed', 'bounced', 'complained', 'manual'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** Addresses never to mail again in this workspace; every send checks it in its claim transaction. */
export const suppressions = pgTable(
  'suppressions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    address: text().notNull(),
    reason: text({ enum: suppressionReasons }).notNull(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('suppressions_address_unique').on(t.workspaceId, sql`lower(${t.address})`)],
);

/** A password-reset link: only the token's keyed hash is stored; it expires and works once. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    createdAt: at().notNull().defaultNow(),
    expiresAt: at().notNull(),
    usedAt: at(),
  },
  (t) => [uniqueIndex('password_resets_token_hash_unique').on(t.tokenHash)],
);

export type Mailbox = typeof mailboxes.$inferSelect;
export type SenderIdentity = typeof senderIdentities.$inferSelect;
export type EmailTemplate = typeof emailTemplates.$inferSelect;
export type Sequence = typeof sequences.$inferSelect;
export type SequenceStep = typeof sequenceSteps.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;
export type OutreachMessage = typeof outreachMessages.$inferSelect;
export type Suppression = typeof suppressions.$inferSelect;
