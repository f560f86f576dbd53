/**
 * Enrolling deals into a sequence. The preview and the enrolment run the same checks: people
 * who are do-not-contact, suppressed, without an address, already in the sequence, or missing
 * a merge field of any step are left out with the reason; everyone else gets every step booked
 * now (follow-ups in the same thread), so the outbox shows when each will go and why it waits.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deals, enrolments } from '../db/schema/index.ts';
import { blockReason, blockText, suppressedAmong } from './compose.service.ts';
import { requireSenderIdentity } from './identities.service.ts';
import { getMailboxRow } from './mailboxes.service.ts';
import { loadRecipients, type MergeContext, type Recipient } from './merge-values.ts';
import { type NewMessage, newMessageId, previewSlots, scheduleMessages } from './message-queue.ts';
import { getSequence } from './sequences.service.ts';
import { fieldsOf, missingFields, renderTemplate } from './template-render.ts';

const dayMs = 24 * 3600_000;

export type EnrolPlanRow = {
  dealId: string;
  contactId: string;
  contactName: string;
  address: string | null;
  excluded: { reason: keyof typeof blockText | 'missing_fields'; text: string; missing?: string[] } | null;
  steps: {
    position: number;
    templateName: string;
    subject: string;
    sendAt: string;
    waitReason: string | null;
  }[];
};

async function plan(
  db: Db,
  ctx: MergeContext & { userId: string },
  sequenceId: string,
  dealIds: string[],
  now: Date,
) {
  const sequence = await getSequence(db, ctx.workspaceId, sequenceId);
  const identity = await requireSenderIdentity(db, ctx.workspaceId, ctx.userId);
  const mailbox = await getMailboxRow(db, ctx.workspaceId, identity.mailboxId);
  const dealRows = dealIds.length
    ? await db
        .select({ id: deals.id, contactId: deals.contactId })
        .from(deals)
        .where(and(eq(deals.workspaceId, ctx.workspaceId), inArray(deals.id, dealIds)))
    : [];
  const recipients = await loadRecipients(
    db,
    ctx,
    dealRows.map((d) => ({ contactId: d.contactId, dealId: d.id })),
    identity,
  );
  const suppressed = await suppressedAmong(
    db,
    ctx.workspaceId,
    recipients.flatMap((r) => (r.address ? [r.address] : [])),
  );
  const already = new Set(
    (
      await db
        .select({ contactId: enrolments.contactId })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.sequenceId, sequenceId),
            inArray(enrolments.contactId, [
              ...new Set(recipients.map((r) => r.contactId)),
              '00000000-0000-0000-0000-000000000000',
            ]),
          ),
        )
    ).map((e) => e.contactId),
  );
  const fields = sequence.steps.map((s) => fieldsOf(s.subject, s.bodyHtml).required);
  const rows: (EnrolPlanRow & { recipient: Recipient })[] = [];
  for (const r of recipients) {
    let excluded: EnrolPlanRow['excluded'] = null;
    const blocked = blockReason(r, suppressed) ?? (already.has(r.contactId) ? 'already_enrolled' : null);
    if (blocked) excluded = { reason: blocked, text: blockText[blocked] };
    else {
      const missing = [...new Set(fields.flatMap((f) => missingFields(f, r.values)))];
      if (missing.length)
        excluded = { reason: 'missing_fields', text: `lacks ${missing.join(', ')}`, missing };
    }
    already.add(r.contactId);
    rows.push({
      recipient: r,
      dealId: r.dealId as string,
      contactId: r.contactId,
      contactName: r.contactName,
      address: r.address,
      excluded,
      steps: [],
    });
  }
  const included = rows.filter((r) => !r.excluded);
  const notBefores = included.flatMap(() =>
    sequence.steps.map((s) => new Date(now.getTime() + s.delayDays * dayMs)),
  );
  const slots = await previewSlots(db, mailbox, notBefores, now);
  included.forEach((row, i) => {
    row.steps = sequence.steps.map((s, k) => {
      const slot = slots[i * sequence.steps.length + k];
      const rendered = renderTemplate(s, row.recipient.values);
      return {
        position: s.position,
        templateName: s.templateName,
        subject:
          k === 0
            ? rendered.subject
            : `Re: ${renderTemplate(sequence.steps[0] as typeof s, row.recipient.values).subject}`,
        sendAt: (slot?.sendAt ?? now).toISOString(),
        waitReason: slot?.reason ?? (s.delayDays > 0 ? 'delay' : null),
      };
    });
  });
  return { sequence, identity, mailbox, rows };
}

const publicRow = ({ recipient: _r, ...row }: EnrolPlanRow & { recipient: Recipient }): EnrolPlanRow => row;

export async function previewEnrolment(
  db: Db,
  ctx: MergeContext & { userId: string },
  sequenceId: string,
  dealIds: string[],
  now: Date,
) {
  const { rows } = await plan(db, ctx, sequenceId, dealIds, now);
  return rows.map(publicRow);
}

export async function enrolDeals(
  db: Db,
  ctx: MergeContext & { userId: string },
  sequenceId: string,
  dealIds: string[],
  now: Date,
) {
  const { sequence, identity, mailbox, rows } = await plan(db, ctx, sequenceId, dealIds, now);
  if (sequence.status !== 'active') return { enrolled: 0, rows: rows.map(publicRow), paused: true };
  const enrolled = await db.transaction(async (tx) => {
    const messages: NewMessage[] = [];
    let count = 0;
    for (const row of rows.filter((r) => !r.excluded)) {
      const threadId = randomUUID();
      const [enrolment] = await tx
        .insert(enrolments)
        .values({
          workspaceId: ctx.workspaceId,
          sequenceId,
          dealId: row.dealId,
          contactId: row.contactId,
          mailboxId: mailbox.id,
          senderUserId: ctx.userId,
          toAddress: row.address as string,
          threadId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: enrolments.id });
      if (!enrolment) continue;
      count++;
      const ids = sequence.steps.map(() => newMessageId(mailbox.fromAddress));
      const first = renderTemplate(
        sequence.steps[0] as (typeof sequence.steps)[number],
        row.recipient.values,
      );
      sequence.steps.forEach((step, k) => {
        const rendered = k === 0 ? first : renderTemplate(step, row.recipient.values);
        messages.push({
          idempotencyKey: `enrol:${enrolment.id}:${step.position}`,
          contactId: row.contactId,
          dealId: row.dealId,
          enrolmentId: enrolment.id,
          stepId: step.id,
          stepPosition: step.position,
          threadId,
          messageId: ids[k] as string,
          inReplyTo: k === 0 ? null : (ids[k - 1] as string),
          references: ids.slice(0, k),
          fromName: identity.fromName,
          fromAddress: mailbox.fromAddress,
          toAddress: row.address as string,
          subject: k === 0 ? first.subject : `Re: ${first.subject}`,
          bodyHtml: rendered.html,
          bodyText: rendered.text,
          notBefore: new Date(now.getTime() + step.delayDays * dayMs),
          createdBy: ctx.userId,
        });
      });
    }
    await scheduleMessages(tx, ctx.workspaceId, mailbox.id, messages, now);
    return count;
  });
  return { enrolled, rows: rows.map(publicRow), paused: false };
}
