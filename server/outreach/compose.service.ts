/** One email to one contact (from a contact or a deal), now or at a chosen time. */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { suppressions } from '../db/schema/index.ts';
import { requireSenderIdentity } from './identities.service.ts';
import { getMailboxRow } from './mailboxes.service.ts';
import { loadRecipients, type MergeContext, type Recipient } from './merge-values.ts';
import { newMessageId, scheduleMessages } from './message-queue.ts';
import { MergeFieldsMissing, OutreachError } from './outreach.errors.ts';
import { fieldsOf, missingFields, renderTemplate } from './template-render.ts';

export type ComposeInput = {
  contactId: string;
  dealId?: string | null;
  subject: string;
  bodyHtml: string;
  mailboxId?: string | null;
  /** Not before this moment (default now); the plan may push it later (cap, window, spacing). */
  sendAt?: Date | null;
  /** Client-chosen key: the same key twice queues one message. */
  idempotencyKey?: string;
};

/** Suppressed addresses among `addresses`, lower-cased. */
export async function suppressedAmong(db: Db | Tx, workspaceId: string, addresses: string[]) {
  if (addresses.length === 0) return new Set<string>();
  const lower = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const rows = await db
    .select({ address: sql<string>`lower(${suppressions.address})` })
    .from(suppressions)
    .where(
      and(eq(suppressions.workspaceId, workspaceId), inArray(sql`lower(${suppressions.address})`, lower)),
    );
  return new Set(rows.map((r) => r.address));
}

/** Why a recipient cannot be written to at all, or null. */
export function blockReason(r: Recipient, suppressed: Set<string>) {
  if (!r.address) return 'no_address' as const;
  if (r.doNotContact) return 'do_not_contact' as const;
  if (suppressed.has(r.address.toLowerCase())) return 'suppressed' as const;
  return null;
}

export const blockText = {
  no_address: 'has no e-mail address',
  do_not_contact: 'is marked do-not-contact',
  suppressed: 'unsubscribed or bounced (suppressed)',
  already_enrolled: 'is already in this sequence',
} as const;

export async function composeAndQueue(
  db: Db,
  ctx: MergeContext & { userId: string },
  input: ComposeInput,
  now: Date,
) {
  const { required } = fieldsOf(input.subject, input.bodyHtml);
  const identity = await requireSenderIdentity(db, ctx.workspaceId, ctx.userId);
  const mailbox = await getMailboxRow(db, ctx.workspaceId, input.mailboxId ?? identity.mailboxId);
  const [recipient] = await loadRecipients(
    db,
    ctx,
    [{ contactId: input.contactId, dealId: input.dealId ?? null }],
    identity,
  );
  if (!recipient)
    throw new OutreachError('no_recipient_address', 'No such contact or deal in this workspace.');
  const blocked = blockReason(
    recipient,
    await suppressedAmong(db, ctx.workspaceId, recipient.address ? [recipient.address] : []),
  );
  if (blocked)
    throw new OutreachError('recipient_blocked', `Not sent: ${recipient.contactName} ${blockText[blocked]}.`);
  const missing = missingFields(required, recipient.values);
  if (missing.length > 0)
    throw new MergeFieldsMissing([
      { contactId: recipient.contactId, contactName: recipient.contactName, missing },
    ]);
  const rendered = renderTemplate(input, recipient.values);
  const key = `compose:${input.idempotencyKey ?? randomUUID()}`;
  const [queued] = await db.transaction((tx) =>
    scheduleMessages(
      tx,
      ctx.workspaceId,
      mailbox.id,
      [
        {
          idempotencyKey: key,
          contactId: recipient.contactId,
          dealId: recipient.dealId,
          enrolmentId: null,
          stepId: null,
          stepPosition: null,
          threadId: randomUUID(),
          messageId: newMessageId(mailbox.fromAddress),
          inReplyTo: null,
          references: [],
          fromName: identity.fromName,
          fromAddress: mailbox.fromAddress,
          toAddress: recipient.address as string,
          subject: rendered.subject,
          bodyHtml: rendered.html,
          bodyText: rendered.text,
          notBefore: input.sendAt && input.sendAt > now ? input.sendAt : now,
          createdBy: ctx.userId,
        },
      ],
      now,
    ),
  );
  return queued as NonNullable<typeof queued>;
}
