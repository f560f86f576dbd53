/**
 * One inbound message, stored and acted on in one transaction with the folder's progress:
 * either all of it happens (the row, the timeline entry, the stopped sequence, the moved deal,
 * the suppression, the new last UID) or none of it, and a message already stored changes
 * nothing. A reply stops the contact's sequences and moves the deal; an auto-reply is only
 * shown; a bounce suppresses the address (which also stops the sequences), and so does a mail
 * client's unsubscribe request sent to our List-Unsubscribe mailto (mailto-unsubscribe.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { recordActivity } from '../../audit/activities.service.ts';
import type { Db } from '../../db/client.ts';
import { type InboundKind, inboundMessages, inboxFolders } from '../../db/schema/index.ts';
import { stopEnrolmentsForContact, suppressAddress } from '../outreach.hooks.ts';
import { type DealMove, moveDealToReplied } from './deal-replied.ts';
import type { ParsedInbound } from './parse-inbound.ts';
import { matchThread } from './thread-match.ts';

export type Position = { folderId: string; uidValidity: number; uid: number };
export type Stored = { kind: InboundKind; created: boolean; dealMove: DealMove; stopped: number };

/** Timelines show this much of a message; the inbox row keeps up to parse-inbound's limit. */
const TIMELINE_TEXT = 20_000;

const activityKinds: Partial<Record<InboundKind, string>> = {
  reply: 'email_replied',
  auto_reply: 'email_auto_reply',
  bounce: 'email_bounced',
  unsubscribe: 'email_unsubscribed',
};

export async function storeInbound(
  db: Db,
  target: { workspaceId: string; mailboxId: string; folder: string },
  position: Position,
  message: ParsedInbound,
  now: Date,
  /** The address a valid mailto unsubscribe request names, when the message is one. */
  request: { unsubscribes: string | null } = { unsubscribes: null },
): Promise<Stored> {
  return db.transaction(async (tx) => {
    const { workspaceId } = target;
    // The folder moves past this UID in the same commit as the message's effects.
    await tx
      .update(inboxFolders)
      .set({ lastUid: sql`greatest(${inboxFolders.lastUid}, ${position.uid})` })
      .where(and(eq(inboxFolders.id, position.folderId), eq(inboxFolders.uidValidity, position.uidValidity)));
    const match = await matchThread(tx, workspaceId, target.mailboxId, message);
    const c = request.unsubscribes
      ? { kind: 'unsubscribe' as const, reason: 'List-Unsubscribe mailto' }
      : message.classification;
    const kind: InboundKind = c.kind === 'personal' ? (match ? 'reply' : 'unrelated') : c.kind;
    // The token in an unsubscribe request works like a password for that address: not kept.
    const subject = request.unsubscribes ? 'unsubscribe (signed request)' : message.subject;
    const outgoing = match?.outgoing ?? null;
    const bounce = c.kind === 'bounce' ? c.bounce : null;
    const [row] = await tx
      .insert(inboundMessages)
      .values({
        workspaceId,
        mailboxId: target.mailboxId,
        folder: target.folder,
        uidValidity: position.uidValidity,
        uid: position.uid,
        messageKey: message.messageKey,
        messageId: message.messageId,
        kind,
        reason: c.reason,
        fromAddress: message.fromAddress,
        fromName: message.fromName,
        subject,
        sentAt: message.sentAt,
        bodyText: message.body,
        quotedText: message.quoted,
        contactId: outgoing?.contactId ?? null,
        dealId: outgoing?.dealId ?? null,
        enrolmentId: outgoing?.enrolmentId ?? null,
        outreachMessageId: outgoing?.id ?? null,
        matchedBy: match?.by ?? null,
        bounceRecipient: bounce?.recipient ?? null,
        bounceStatus: bounce?.status ?? null,
        bounceDiagnostic: bounce?.diagnostic.slice(0, 1000) ?? null,
        receivedAt: now,
      })
      .onConflictDoNothing({ target: [inboundMessages.mailboxId, inboundMessages.messageKey] })
      .returning({ id: inboundMessages.id });
    if (!row) return { kind, created: false, dealMove: null, stopped: 0 };
    let dealMove: DealMove = null;
    let stopped = 0;
    if (request.unsubscribes)
      await suppressAddress(tx, workspaceId, request.unsubscribes, 'unsubscribed', now);
    if (!outgoing) return { kind, created: true, dealMove, stopped };
    if (kind === 'reply') {
      stopped = (await stopEnrolmentsForContact(tx, workspaceId, outgoing.contactId, 'replied', now))
        .cancelledMessages;
      if (outgoing.dealId) {
        dealMove = await moveDealToReplied(tx, {
          workspaceId,
          dealId: outgoing.dealId,
          inboundId: row.id,
          now,
        });
      }
    } else if (kind === 'bounce' && bounce) {
      await suppressAddress(tx, workspaceId, bounce.recipient, 'bounced', now);
    }
    const activityKind = activityKinds[kind];
    if (activityKind) {
      await recordActivity(tx, {
        workspaceId,
        subjectType: outgoing.dealId ? 'deal' : 'contact',
        subjectId: outgoing.dealId ?? outgoing.contactId,
        contactId: outgoing.contactId,
        dealId: outgoing.dealId,
        kind: activityKind,
        actorId: null,
        at: message.sentAt && message.sentAt < now ? message.sentAt : now,
        payload: {
          inboundId: row.id,
          from: message.fromAddress,
          fromName: message.fromName,
          subject,
          body: message.body.slice(0, TIMELINE_TEXT),
          quoted: message.quoted.slice(0, TIMELINE_TEXT),
          reason: c.reason,
          ...(kind === 'reply' ? { cancelled: stopped } : {}),
          ...(bounce
            ? { recipient: bounce.recipient, status: bounce.status, diagnostic: bounce.diagnostic }
            : {}),
        },
      });
    }
    return { kind, created: true, dealMove, stopped };
  });
}
