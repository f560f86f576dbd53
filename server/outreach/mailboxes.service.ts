/**
 * Sending mailboxes of a workspace. Passwords and DKIM keys are sealed on the way in and only
 * opened by the sender; what the API returns says whether a secret is set, never what it is.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DkimSettings, SmtpSettings } from '../adapters/mailer.ts';
import type { Db, Tx } from '../db/client.ts';
import { type Mailbox, mailboxes, outreachSettings, type SendWindow } from '../db/schema/index.ts';
import { secretBox } from '../lib/secret-box.ts';
import { OutreachError } from './outreach.errors.ts';
import type { SendLimits } from './send-plan.ts';

export type MailboxInput = {
  name: string;
  fromAddress: string;
  smtpHost: string;
  smtpPort: number;
  smtpTls: 'implicit' | 'starttls' | 'none';
  smtpUser: string;
  /** Omitted on update: keep the stored one; empty string clears it. */
  smtpPassword?: string;
  imapHost?: string | null;
  imapPort?: number | null;
  imapTls?: boolean;
  imapUser?: string | null;
  imapPassword?: string;
  imapFolder?: string;
  dkimDomain?: string | null;
  dkimSelector?: string | null;
  dkimPrivateKey?: string;
  dailyCap?: number | null;
  hourlyCap?: number | null;
  rampStart?: number;
  rampPerDay?: number;
  spacingMinutes?: number;
  jitterMinutes?: number;
  sendWindow?: SendWindow | null;
  timeZone?: string | null;
  enabled?: boolean;
};

export const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** What anyone in the workspace may see of a mailbox. */
export function publicMailbox(m: Mailbox) {
  return {
    id: m.id,
    name: m.name,
    fromAddress: m.fromAddress,
    smtpHost: m.smtpHost,
    smtpPort: m.smtpPort,
    smtpTls: m.smtpTls,
    smtpUser: m.smtpUser,
    hasSmtpPassword: m.smtpPasswordSealed !== null,
    imapHost: m.imapHost,
    imapPort: m.imapPort,
    imapTls: m.imapTls,
    imapUser: m.imapUser,
    hasImapPassword: m.imapPasswordSealed !== null,
    imapFolder: m.imapFolder,
    dkimDomain: m.dkimDomain,
    dkimSelector: m.dkimSelector,
    hasDkimKey: m.dkimPrivateKeySealed !== null,
    dailyCap: m.dailyCap,
    hourlyCap: m.hourlyCap,
    rampStart: m.rampStart,
    rampPerDay: m.rampPerDay,
    spacingMinutes: m.spacingMinutes,
    jitterMinutes: m.jitterMinutes,
    sendWindow: m.sendWindow,
    timeZone: m.timeZone,
    enabled: m.enabled,
    createdAt: m.createdAt,
  };
}
export type PublicMailbox = ReturnType<typeof publicMailbox>;

const box = (secret: string) => secretBox(secret, 'mailbox');

function sealed(secret: string, value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === '' ? null : box(secret).seal(value);
}

function values(secret: string, input: MailboxInput) {
  if (input.smtpTls === 'none' && !isLoopbackHost(input.smtpHost))
    throw new OutreachError(
      'insecure_smtp',
      'SMTP without TLS is only allowed to a loopback host (127.0.0.1).',
    );
  const { smtpPassword, imapPassword, dkimPrivateKey, ...rest } = input;
  const secrets = {
    smtpPasswordSealed: sealed(secret, smtpPassword),
    imapPasswordSealed: sealed(secret, imapPassword),
    dkimPrivateKeySealed: sealed(secret, dkimPrivateKey),
  };
  return {
    ...rest,
    ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined)),
  };
}

export async function listMailboxes(db: Db, workspaceId: string) {
  const rows = await db
    .select()
    .from(mailboxes)
    .where(eq(mailboxes.workspaceId, workspaceId))
    .orderBy(asc(mailboxes.createdAt), asc(mailboxes.id));
  return rows.map(publicMailbox);
}

export async function getMailboxRow(db: Db | Tx, workspaceId: string, id: string): Promise<Mailbox> {
  const [row] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, id)));
  if (!row) throw new OutreachError('mailbox_not_found', 'No such mailbox in this workspace.');
  return row;
}

export async function createMailbox(
  db: Db,
  secret: string,
  workspaceId: string,
  input: MailboxInput,
  now: Date,
) {
  const [row] = await db
    .insert(mailboxes)
    .values({ ...values(secret, input), workspaceId, createdAt: now, updatedAt: now })
    .returning();
  return publicMailbox(row as Mailbox);
}

export async function updateMailbox(
  db: Db,
  secret: string,
  workspaceId: string,
  id: string,
  input: MailboxInput,
  now: Date,
) {
  await getMailboxRow(db, workspaceId, id);
  const [row] = await db
    .update(mailboxes)
    .set({ ...values(secret, input), updatedAt: now, version: sql`${mailboxes.version} + 1` })
    .where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, id)))
    .returning();
  return publicMailbox(row as Mailbox);
}

export async function removeMailbox(db: Db, workspaceId: string, id: string) {
  await getMailboxRow(db, workspaceId, id);
  await db.delete(mailboxes).where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, id)));
  return { id };
}

/** The SMTP settings with the password opened; only the sender and the test button call this. */
export function smtpSettings(
  secret: string,
  m: Mailbox,
  tlsOptions?: SmtpSettings['tlsOptions'],
): SmtpSettings {
  return {
    host: m.smtpHost,
    port: m.smtpPort,
    tls: m.smtpTls,
    user: m.smtpUser,
    password: m.smtpPasswordSealed ? box(secret).open(m.smtpPasswordSealed) : null,
    tlsOptions,
  };
}

export function dkimSettings(secret: string, m: Mailbox): DkimSettings | null {
  if (!m.dkimDomain || !m.dkimSelector || !m.dkimPrivateKeySealed) return null;
  return {
    domain: m.dkimDomain,
    selector: m.dkimSelector,
    privateKey: box(secret).open(m.dkimPrivateKeySealed),
  };
}

/** The IMAP password, opened (for the inbox sync). */
export function imapPassword(secret: string, m: Mailbox): string | null {
  return m.imapPasswordSealed ? box(secret).open(m.imapPasswordSealed) : null;
}

export async function workspaceTimeZone(db: Db | Tx, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: outreachSettings.timeZone })
    .from(outreachSettings)
    .where(eq(outreachSettings.workspaceId, workspaceId));
  return row?.timeZone ?? 'UTC';
}

export async function setWorkspaceTimeZone(db: Db, workspaceId: string, timeZone: string, now: Date) {
  await db
    .insert(outreachSettings)
    .values({ workspaceId, timeZone, updatedAt: now })
    .onConflictDoUpdate({ target: outreachSettings.workspaceId, set: { timeZone, updatedAt: now } });
  return { timeZone };
}

export function limitsOf(m: Mailbox, fallbackZone: string): SendLimits {
  return {
    dailyCap: m.dailyCap,
    hourlyCap: m.hourlyCap,
    rampStart: m.rampStart,
    rampPerDay: m.rampPerDay,
    createdAt: m.createdAt,
    spacingMinutes: m.spacingMinutes,
    jitterMinutes: m.jitterMinutes,
    window: m.sendWindow,
    timeZone: m.timeZone ?? fallbackZone,
  };
}
