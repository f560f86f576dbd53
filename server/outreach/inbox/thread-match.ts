/**
 * Which of our outgoing messages an inbound one answers: by In-Reply-To, then References
 * (newest first), then, for clients that drop both, by sender address plus normalized subject
 * among what this mailbox sent to that address. A bounce is matched by the returned message's
 * Message-ID, else by the failed recipient; an automatic reply by its sender alone.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type MatchMethod, outreachMessages } from '../../db/schema/index.ts';
import { findOutgoingByMessageIds, type OutgoingMessageRef } from '../outreach.hooks.ts';
import { normalizeSubject } from './classify.ts';
import type { ParsedInbound } from './parse-inbound.ts';

export type ThreadMatch = { outgoing: OutgoingMessageRef; by: MatchMethod };
type Runner = Db | Tx;

const delivered = ['sent', 'sending'] as const;

async function byIds(tx: Runner, workspaceId: string, ids: string[], by: MatchMethod) {
  if (ids.length === 0) return null;
  const found = await findOutgoingByMessageIds(tx, workspaceId, ids);
  // The first id in the list that is ours (In-Reply-To, then the newest reference).
  for (const id of ids) {
    const hit = found.find((f) => f.messageId === id);
    if (hit) return { outgoing: hit, by };
  }
  return null;
}

/** The newest message this mailbox sent to `address`, optionally only with this normalized subject. */
async function lastSentTo(tx: Runner, mailboxId: string, address: string, subject?: string) {
  const candidates = await tx
    .select({
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
    })
    .from(outreachMessages)
    .where(
      and(
        eq(outreachMessages.mailboxId, mailboxId),
        sql`lower(${outreachMessages.toAddress}) = ${address.toLowerCase()}`,
        inArray(outreachMessages.status, [...delivered]),
      ),
    )
    .orderBy(desc(outreachMessages.sentAt))
    .limit(50);
  if (subject === undefined) return candidates[0] ?? null;
  return candidates.find((c) => normalizeSubject(c.subject) === subject) ?? null;
}

export async function matchThread(
  tx: Runner,
  workspaceId: string,
  mailboxId: string,
  message: ParsedInbound,
): Promise<ThreadMatch | null> {
  const c = message.classification;
  if (c.kind === 'bounce') {
    if (c.report.originalMessageId) {
      const hit = await byIds(tx, workspaceId, [c.report.originalMessageId], 'bounce_report');
      if (hit) return hit;
    }
    const outgoing = await lastSentTo(tx, mailboxId, c.bounce.recipient);
    return outgoing ? { outgoing, by: 'bounce_recipient' } : null;
  }
  const hit =
    (await byIds(tx, workspaceId, message.inReplyTo, 'in_reply_to')) ??
    (await byIds(tx, workspaceId, message.references, 'references'));
  if (hit) return hit;
  if (!message.fromAddress) return null;
  // Out-of-office replies rewrite the subject ("Automatic reply: …"): the sender is enough.
  if (c.kind === 'auto_reply') {
    const outgoing = await lastSentTo(tx, mailboxId, message.fromAddress);
    return outgoing ? { outgoing, by: 'sender' } : null;
  }
  const subject = normalizeSubject(message.subject);
  if (!subject) return null;
  const outgoing = await lastSentTo(tx, mailboxId, message.fromAddress, subject);
  return outgoing ? { outgoing, by: 'sender_subject' } : null;
}
