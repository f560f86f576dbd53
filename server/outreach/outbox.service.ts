/** What the Outreach page and `murmur outreach status` show: the queue, the sent log, step stats. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contacts, mailboxes, outreachMessages } from '../db/schema/index.ts';
import { rowsOf } from '../db/sql.ts';
import { limitsOf, workspaceTimeZone } from './mailboxes.service.ts';
import { OutreachError } from './outreach.errors.ts';
import { dailyCapOn, localBounds } from './send-plan.ts';
import { getSequence } from './sequences.service.ts';

const listColumns = {
  id: outreachMessages.id,
  contactId: outreachMessages.contactId,
  contactName: contacts.name,
  dealId: outreachMessages.dealId,
  enrolmentId: outreachMessages.enrolmentId,
  stepPosition: outreachMessages.stepPosition,
  mailboxName: mailboxes.name,
  toAddress: outreachMessages.toAddress,
  subject: outreachMessages.subject,
  status: outreachMessages.status,
  sendAt: outreachMessages.sendAt,
  waitReason: outreachMessages.waitReason,
  attempts: outreachMessages.attempts,
  lastError: outreachMessages.lastError,
  smtpResponse: outreachMessages.smtpResponse,
  cancelReason: outreachMessages.cancelReason,
  messageId: outreachMessages.messageId,
  sentAt: outreachMessages.sentAt,
  finishedAt: outreachMessages.finishedAt,
};

function list(db: Db) {
  return db
    .select(listColumns)
    .from(outreachMessages)
    .innerJoin(contacts, eq(contacts.id, outreachMessages.contactId))
    .innerJoin(mailboxes, eq(mailboxes.id, outreachMessages.mailboxId));
}

export async function outbox(
  db: Db,
  workspaceId: string,
  input: { contactId?: string; dealId?: string } = {},
) {
  return list(db)
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        inArray(outreachMessages.status, ['scheduled', 'sending']),
        input.contactId ? eq(outreachMessages.contactId, input.contactId) : undefined,
        input.dealId ? eq(outreachMessages.dealId, input.dealId) : undefined,
      ),
    )
    .orderBy(asc(outreachMessages.sendAt), asc(outreachMessages.id))
    .limit(500);
}

export async function sentLog(
  db: Db,
  workspaceId: string,
  input: { status?: 'sent' | 'failed' | 'cancelled'; contactId?: string; dealId?: string } = {},
) {
  return list(db)
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        input.status
          ? eq(outreachMessages.status, input.status)
          : inArray(outreachMessages.status, ['sent', 'failed', 'cancelled']),
        input.contactId ? eq(outreachMessages.contactId, input.contactId) : undefined,
        input.dealId ? eq(outreachMessages.dealId, input.dealId) : undefined,
      ),
    )
    .orderBy(
      desc(sql`coalesce(${outreachMessages.finishedAt}, ${outreachMessages.updatedAt})`),
      desc(outreachMessages.id),
    )
    .limit(500);
}

export async function cancelMessage(db: Db, workspaceId: string, id: string, now: Date) {
  const [row] = await db
    .update(outreachMessages)
    .set({ status: 'cancelled', cancelReason: 'cancelled by a person', finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        eq(outreachMessages.id, id),
        eq(outreachMessages.status, 'scheduled'),
      ),
    )
    .returning({ id: outreachMessages.id });
  if (!row)
    throw new OutreachError('message_not_found', 'No scheduled message with that id in this workspace.');
  return row;
}

/**
 * Per step: how many were enrolled at it (messages booked), sent, and how the enrolments that
 * stopped after that step ended (a reply to step 2 counts for step 2).
 */
export async function sequenceStats(db: Db, workspaceId: string, sequenceId: string) {
  const sequence = await getSequence(db, workspaceId, sequenceId);
  const result = rowsOf(
    (await db.execute(sql`
      with last_sent as (
        select e.id, e.status, e.stop_reason, max(m.step_position) filter (where m.status = 'sent') as step
        from enrolments e left join outreach_messages m on m.enrolment_id = e.id
        where e.sequence_id = ${sequenceId} and e.workspace_id = ${workspaceId}
        group by e.id)
      select s.position,
        (select count(*) from outreach_messages m where m.step_id = s.id)::int as enrolled,
        (select count(*) from outreach_messages m where m.step_id = s.id and m.status = 'sent')::int as sent,
        (select count(*) from outreach_messages m where m.step_id = s.id and m.status in ('scheduled', 'sending'))::int as queued,
        (select count(*) from last_sent l where l.step = s.position and l.stop_reason = 'replied')::int as replied,
        (select count(*) from last_sent l where l.step = s.position and l.stop_reason = 'bounced')::int as bounced,
        (select count(*) from last_sent l where l.step = s.position and l.stop_reason = 'unsubscribed')::int as unsubscribed
      from sequence_steps s where s.sequence_id = ${sequenceId} order by s.position`)) as never,
  ) as {
    position: number;
    enrolled: number;
    sent: number;
    queued: number;
    replied: number;
    bounced: number;
    unsubscribed: number;
  }[];
  return sequence.steps.map((step) => {
    const r = result.find((x) => x.position === step.position);
    const sent = r?.sent ?? 0;
    return {
      position: step.position,
      delayDays: step.delayDays,
      templateName: step.templateName,
      enrolled: r?.enrolled ?? 0,
      sent,
      queued: r?.queued ?? 0,
      replied: r?.replied ?? 0,
      bounced: r?.bounced ?? 0,
      unsubscribed: r?.unsubscribed ?? 0,
      /** null until something was sent: an unknown rate is not 0. */
      replyRate: sent > 0 ? (r?.replied ?? 0) / sent : null,
    };
  });
}

/** Queue depth and caps per mailbox, for the CLI and the settings page. */
export async function queueStatus(db: Db, workspaceId: string, now: Date) {
  const boxes = await db
    .select()
    .from(mailboxes)
    .where(eq(mailboxes.workspaceId, workspaceId))
    .orderBy(asc(mailboxes.createdAt));
  const zone = await workspaceTimeZone(db, workspaceId);
  return Promise.all(
    boxes.map(async (m) => {
      const limits = limitsOf(m, zone);
      const { dayStart, hourStart } = localBounds(now.getTime(), limits.timeZone);
      const [c] = rowsOf(
        (await db.execute(sql`
          select count(*) filter (where status = 'scheduled')::int as scheduled,
                 count(*) filter (where status = 'scheduled' and send_at <= ${now.toISOString()})::int as due,
                 count(*) filter (where status = 'sending')::int as sending,
                 count(*) filter (where status = 'failed')::int as failed,
                 count(*) filter (where sending_started_at >= ${dayStart.toISOString()} and (status in ('sending','sent') or body_started_at is not null))::int as sent_today,
                 count(*) filter (where sending_started_at >= ${hourStart.toISOString()} and (status in ('sending','sent') or body_started_at is not null))::int as sent_this_hour,
                 min(send_at) filter (where status = 'scheduled') as next_send_at
          from outreach_messages where mailbox_id = ${m.id}`)) as never,
      ) as {
        scheduled: number;
        due: number;
        sending: number;
        failed: number;
        sent_today: number;
        sent_this_hour: number;
        next_send_at: string | null;
      }[];
      const dayCap = dailyCapOn(limits, now.getTime());
      return {
        mailboxId: m.id,
        name: m.name,
        fromAddress: m.fromAddress,
        enabled: m.enabled,
        scheduled: c?.scheduled ?? 0,
        due: c?.due ?? 0,
        sending: c?.sending ?? 0,
        failed: c?.failed ?? 0,
        sentToday: c?.sent_today ?? 0,
        sentThisHour: c?.sent_this_hour ?? 0,
        dailyCapToday: Number.isFinite(dayCap) ? dayCap : null,
        hourlyCap: m.hourlyCap,
        timeZone: limits.timeZone,
        nextSendAt: c?.next_send_at ? new Date(c.next_send_at).toISOString() : null,
      };
    }),
  );
}
