/**
 * What the rest of Murmur (the IMAP inbox, unsubscribe, contact edits) calls to stop mail.
 * Each takes the caller's transaction so the stop commits with whatever caused it; the
 * sending worker re-checks the same facts inside its claim transaction, so a stop that
 * commits before the claim always wins.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import {
  contacts,
  enrolments,
  outreachMessages,
  type StopReason,
  type SuppressionReason,
} from '../db/schema/index.ts';

type Runner = Db | Tx;

/**
 * Stops every active enrolment of the contact and cancels their scheduled messages (a message
 * already "sending" is on the wire and cannot be recalled). Returns how many messages were cancelled.
 */
export async function stopEnrolmentsForContact(
  tx: Runner,
  workspaceId: string,
  contactId: string,
  reason: StopReason,
  now: Date = new Date(),
): Promise<{ stoppedEnrolments: number; cancelledMessages: number }> {
  const stopped = await tx
    .update(enrolments)
    .set({ status: 'stopped', stopReason: reason, stoppedAt: now })
    .where(
      and(
        eq(enrolments.workspaceId, workspaceId),
        eq(enrolments.contactId, contactId),
        eq(enrolments.status, 'active'),
      ),
    )
    .returning({ id: enrolments.id });
  const cancelled = await tx
    .update(outreachMessages)
    .set({ status: 'cancelled', cancelReason: reason, finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        eq(outreachMessages.contactId, contactId),
        eq(outreachMessages.status, 'scheduled'),
      ),
    )
    .returning({ id: outreachMessages.id });
  return { stoppedEnrolments: stopped.length, cancelledMessages: cancelled.length };
}

/**
 * Adds the address to the workspace's suppression list (idempotent), marks every contact with
 * that address do-not-contact, and stops their sequences.
 */
export async function suppressAddress(
  tx: Runner,
  workspaceId: string,
  address: string,
  reason: SuppressionReason,
  now: Date = new Date(),
): Promise<{ contactIds: string[] }> {
  const lower = address.trim().toLowerCase();
  await tx.execute(sql`
    insert into suppressions (workspace_id, address, reason, created_at)
    values (${workspaceId}, ${lower}, ${reason}, ${now.toISOString()})
    on conflict (workspace_id, lower(address)) do nothing`);
  const marked = await tx
    .update(contacts)
    .set({ doNotContact: true, updatedAt: now })
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        sql`exists (select 1 from unnest(${contacts.emails}) e where lower(e) = ${lower})`,
      ),
    )
    .returning({ id: contacts.id });
  const stopReason: StopReason = reason === 'bounced' ? 'bounced' : 'unsubscribed';
  for (const c of marked) await stopEnrolmentsForContact(tx, workspaceId, c.id, stopReason, now);
  // Messages to this address for contacts that no longer list it are cancelled too.
  await tx
    .update(outreachMessages)
    .set({ status: 'cancelled', cancelReason: stopReason, finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        eq(outreachMessages.status, 'scheduled'),
        sql`lower(${outreachMessages.toAddress}) = ${lower}`,
      ),
    );
  return { contactIds: marked.map((c) => c.id) };
}

export type OutgoingMessageRef = {
  id: string;
  workspaceId: string;
  messageId: string;
  threadId: string;
  contactId: string;
  dealId: string | null;
  enrolmentId: string | null;
  mailboxId: string;
  toAddress: string;
  subject: string;
  status: string;
  sentAt: Date | null;
};

const refColumns = {
  id: outreachMessages.id,
  workspaceId: outreachMessages.workspaceId,
  messageId: outreachMessages.messageId,
  threadId: outreachMessages.threadId,
  contactId: outreachMessages.contactId,
  dealId: outreachMessages.dealId,
  enrolmentId: outreachMessages.enrolmentId,
  mailboxId: outreachMessages.mailboxId,
  toAddress: outreachMessages.toAddress,
  subject: outreachMessages.subject,
  status: outreachMessages.status,
  sentAt: outreachMessages.sentAt,
};

/** Strips the angle brackets and whitespace a header may carry around a Message-ID. */
export function normalizeMessageId(value: string): string {
  return value.trim().replace(/^<|>$/g, '');
}

/**
 * Our outgoing messages with any of these Message-IDs (with or without angle brackets), in
 * the given workspace. Stored Message-IDs are without brackets.
 */
export async function findOutgoingByMessageIds(
  tx: Runner,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<OutgoingMessageRef[]> {
  const ids = [...new Set(messageIds.map(normalizeMessageId).filter((v) => v.length > 0))];
  if (ids.length === 0) return [];
  return tx
    .select(refColumns)
    .from(outreachMessages)
    .where(and(eq(outreachMessages.workspaceId, workspaceId), inArray(outreachMessages.messageId, ids)));
}

/** One outgoing message by Message-ID, or null. */
export async function findOutgoingByMessageId(
  tx: Runner,
  workspaceId: string,
  messageId: string,
): Promise<OutgoingMessageRef | null> {
  const [row] = await findOutgoingByMessageIds(tx, workspaceId, [messageId]);
  return row ?? null;
}
