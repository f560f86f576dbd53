/**
 * The sending worker. Exactly once, as far as SMTP allows:
 *
 * 1. Claim, in one transaction holding the mailbox row lock (FOR UPDATE, so caps hold across
 *    workers): due messages within the cap, `FOR UPDATE SKIP LOCKED` so two workers never take
 *    the same row; a recipient who became do-not-contact, suppressed, or whose enrolment stopped
 *    (replied, bounced, unsubscribed) is cancelled right there instead. Claimed rows become
 *    "sending" with a lease; the Message-ID was fixed when the message was scheduled.
 * 2. MAIL FROM, RCPT TO, DATA. When the server answers DATA, and before the first body byte,
 *    `bodyStartedAt` is committed (mailer.ts `beforeBody`).
 * 3. The server's answer is written: sent, failed (5xx, with its text), or back to scheduled
 *    with backoff (4xx, connection errors).
 *
 * After a crash (lease expired), a "sending" row without `bodyStartedAt` never reached the body
 * and goes back to the queue. One with `bodyStartedAt` may have been accepted: it is NOT resent
 * but marked failed as "interrupted", for a person to check. The residual window: a crash after
 * the body started but before the server's final answer loses that one message (the server
 * dropped it, and we do not resend); a crash after the answer but before step 3's write is
 * handled correctly (delivered once, flagged). No SMTP client can close this window: the
 * protocol has no way to ask a server whether it accepted a message.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { composeMessage, createSmtpPool, type SmtpPool, type SmtpSettings } from '../adapters/mailer.ts';
import type { Db } from '../db/client.ts';
import { type Mailbox, mailboxes, type OutreachMessage, outreachMessages } from '../db/schema/index.ts';
import { rowsOf } from '../db/sql.ts';
import { dkimSettings, limitsOf, smtpSettings, workspaceTimeZone } from './mailboxes.service.ts';
import { lockMailbox } from './message-queue.ts';
import { capacityNow, localBounds, nextWindowOpening } from './send-plan.ts';
import { sendWrites } from './send-writes.ts';
import { listUnsubscribeHeaders, unsubscribeToken } from './unsubscribe-token.ts';

export type SenderDeps = {
  db: Db;
  secret: string;
  /** Where unsubscribe links point (PUBLIC_URL). */
  baseUrl: string;
  now: () => Date;
  logger?: Logger;
  /** Extra TLS options for every SMTP connection (a test's self-signed certificate). */
  tlsOptions?: SmtpSettings['tlsOptions'];
  poolSize?: number;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  rng?: () => number;
};

const backoffMinutes = [1, 5, 15, 60, 240];
export const interruptedText =
  'Interrupted while the server was receiving it: it may have been delivered, so it was not resent. Check with the recipient before sending again.';

export function createSender(deps: SenderDeps) {
  const pools = new Map<string, { version: number; pool: SmtpPool }>();
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const maxAttempts = deps.maxAttempts ?? 6;
  const rng = deps.rng ?? Math.random;
  const writes = sendWrites(deps.db, deps.now);

  function poolFor(m: Mailbox) {
    const cached = pools.get(m.id);
    if (cached && cached.version === m.version) return cached.pool;
    cached?.pool.close();
    const pool = createSmtpPool(smtpSettings(deps.secret, m, deps.tlsOptions), deps.poolSize ?? 5);
    pools.set(m.id, { version: m.version, pool });
    return pool;
  }

  /** Settles claims of dead workers: back to the queue when provably undelivered, else flagged. */
  async function recover(options: { all?: boolean } = {}) {
    const now = deps.now();
    const expired = options.all ? sql`true` : lte(outreachMessages.leaseUntil, now);
    const requeued = await deps.db
      .update(outreachMessages)
      .set({
        status: 'scheduled',
        sendingStartedAt: null,
        leaseUntil: null,
        waitReason: 'retry',
        updatedAt: now,
      })
      .where(
        and(eq(outreachMessages.status, 'sending'), sql`${outreachMessages.bodyStartedAt} is null`, expired),
      )
      .returning({ id: outreachMessages.id });
    const flagged = await deps.db
      .update(outreachMessages)
      .set({
        status: 'failed',
        lastError: interruptedText,
        finishedAt: now,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(
        and(
          eq(outreachMessages.status, 'sending'),
          sql`${outreachMessages.bodyStartedAt} is not null`,
          expired,
        ),
      )
      .returning({ id: outreachMessages.id });
    if (requeued.length + flagged.length > 0)
      deps.logger?.warn(
        { requeued: requeued.length, flagged: flagged.length },
        'outreach: recovered interrupted sends',
      );
    return { requeued: requeued.length, flagged: flagged.length };
  }

  /** Claims what one mailbox may send now; pushes the rest to when it may. */
  async function claim(mailboxId: string): Promise<{ mailbox: Mailbox; messages: OutreachMessage[] }> {
    return deps.db.transaction(async (tx) => {
      const now = deps.now();
      const mailbox = await lockMailbox(tx, mailboxId);
      const limits = limitsOf(mailbox, await workspaceTimeZone(tx, mailbox.workspaceId));
      const { dayStart, hourStart } = localBounds(now.getTime(), limits.timeZone);
      const [counts] = rowsOf(
        (await tx.execute(sql`
          select count(*) filter (where sending_started_at >= ${dayStart.toISOString()})::int as day,
                 count(*) filter (where sending_started_at >= ${hourStart.toISOString()})::int as hour,
                 max(sending_started_at) as last
          from outreach_messages
          where mailbox_id = ${mailboxId} and sending_started_at >= ${(dayStart.getTime() < hourStart.getTime() ? dayStart : hourStart).toISOString()}
            and (status in ('sending', 'sent') or body_started_at is not null)`)) as never,
      ) as { day: number; hour: number; last: string | Date | null }[];
      const last = counts?.last ? new Date(counts.last).getTime() : null;
      const { room, reason } = mailbox.enabled
        ? capacityNow(limits, now.getTime(), counts?.day ?? 0, counts?.hour ?? 0, last)
        : { room: 0, reason: null };
      const due = and(
        eq(outreachMessages.mailboxId, mailboxId),
        eq(outreachMessages.status, 'scheduled'),
        lte(outreachMessages.sendAt, now),
      );
      if (room <= 0) {
        if (reason) await postpone(tx, mailboxId, now, reason, limits, last);
        return { mailbox, messages: [] };
      }
      const picked = await tx
        .select()
        .from(outreachMessages)
        .where(due)
        .orderBy(outreachMessages.sendAt, outreachMessages.id)
        .limit(Math.min(room, deps.batchSize ?? 50))
        .for('update', { skipLocked: true });
      if (picked.length === 0) return { mailbox, messages: [] };
      const blocked = rowsOf(
        (await tx.execute(sql`
          select m.id,
            case when c.do_not_contact then 'do_not_contact'
                 when exists (select 1 from suppressions s where s.workspace_id = m.workspace_id
                              and lower(s.address) = lower(m.to_address)) then 'suppressed'
                 when e.id is not null and e.status <> 'active' then coalesce(e.stop_reason, 'stopped')
            end as reason
          from outreach_messages m
          join contacts c on c.id = m.contact_id
          left join enrolments e on e.id = m.enrolment_id
          where m.id in (${sql.join(
            picked.map((p) => sql`${p.id}`),
            sql`, `,
          )})`)) as never,
      ) as { id: string; reason: string | null }[];
      const stop = new Map(blocked.filter((b) => b.reason).map((b) => [b.id, b.reason as string]));
      for (const [id, why] of stop) {
        await tx
          .update(outreachMessages)
          .set({ status: 'cancelled', cancelReason: why, finishedAt: now, updatedAt: now })
          .where(eq(outreachMessages.id, id));
      }
      const go = picked.filter((p) => !stop.has(p.id));
      if (go.length > 0) {
        await tx
          .update(outreachMessages)
          .set({
            status: 'sending',
            sendingStartedAt: now,
            leaseUntil: new Date(now.getTime() + leaseMs),
            attempts: sql`${outreachMessages.attempts} + 1`,
            waitReason: null,
            updatedAt: now,
          })
          .where(
            inArray(
              outreachMessages.id,
              go.map((p) => p.id),
            ),
          );
      }
      return { mailbox, messages: go.map((p) => ({ ...p, attempts: p.attempts + 1 })) };
    });
  }

  async function postpone(
    tx: Parameters<Parameters<Db['transaction']>[0]>[0],
    mailboxId: string,
    now: Date,
    reason: NonNullable<OutreachMessage['waitReason']>,
    limits: ReturnType<typeof limitsOf>,
    last: number | null,
  ) {
    const t = now.getTime();
    const next =
      reason === 'window'
        ? nextWindowOpening(t, limits.window, limits.timeZone)
        : reason === 'spacing' && last !== null
          ? last + (limits.spacingMinutes + Math.floor(rng() * (limits.jitterMinutes + 1))) * 60_000
          : reason === 'cap_hour'
            ? localBounds(t, limits.timeZone).hourStart.getTime() + 3600_000
            : nextWindowOpening(
                localBounds(t, limits.timeZone).dayStart.getTime() + 24 * 3600_000,
                limits.window,
                limits.timeZone,
              );
    await tx
      .update(outreachMessages)
      .set({ sendAt: new Date(Math.max(next, t + 1000)), waitReason: reason, updatedAt: now })
      .where(
        and(
          eq(outreachMessages.mailboxId, mailboxId),
          eq(outreachMessages.status, 'scheduled'),
          lte(outreachMessages.sendAt, now),
        ),
      );
  }

  async function deliver(mailbox: Mailbox, message: OutreachMessage) {
    const token = unsubscribeToken(deps.secret, message.workspaceId, message.toAddress);
    const raw = await composeMessage(
      {
        messageId: message.messageId,
        from: { name: message.fromName, address: message.fromAddress },
        to: message.toAddress,
        subject: message.subject,
        html: message.bodyHtml,
        text: message.bodyText,
        inReplyTo: message.inReplyTo,
        references: message.references,
        headers: listUnsubscribeHeaders(deps.baseUrl, token, mailbox.fromAddress),
        date: deps.now(),
      },
      dkimSettings(deps.secret, mailbox),
    );
    const outcome = await poolFor(mailbox).send(
      { from: message.fromAddress, to: [message.toAddress] },
      raw,
      () => writes.markBody(message.id),
    );
    const now = deps.now();
    const mine = and(eq(outreachMessages.id, message.id), eq(outreachMessages.status, 'sending'));
    if (outcome.ok) {
      await writes.markSent({ id: message.id, response: outcome.response, enrolmentId: message.enrolmentId });
      return 'sent' as const;
    }
    const { failure, bodyStarted } = outcome;
    const answered =
      failure.kind === 'rejected' || failure.kind === 'relay_refused' || failure.kind === 'auth';
    if (bodyStarted && !answered) {
      await deps.db
        .update(outreachMessages)
        .set({
          status: 'failed',
          lastError: interruptedText,
          finishedAt: now,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(mine);
      return 'failed' as const;
    }
    if (failure.permanent || message.attempts >= maxAttempts) {
      await deps.db
        .update(outreachMessages)
        .set({
          status: 'failed',
          lastError: failure.message,
          smtpResponse: failure.response ?? null,
          finishedAt: now,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(mine);
      return 'failed' as const;
    }
    const wait = (backoffMinutes[message.attempts - 1] ?? 240) * 60_000;
    await deps.db
      .update(outreachMessages)
      .set({
        status: 'scheduled',
        sendAt: new Date(now.getTime() + wait),
        waitReason: 'retry',
        lastError: failure.message,
        smtpResponse: failure.response ?? null,
        sendingStartedAt: null,
        bodyStartedAt: null,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(mine);
    return 'retry' as const;
  }

  /** One pass: every mailbox with due mail claims and sends one batch. Returns messages handled. */
  async function runOnce(): Promise<number> {
    const now = deps.now();
    const dueMailboxes = await deps.db
      .selectDistinct({ id: outreachMessages.mailboxId })
      .from(outreachMessages)
      .innerJoin(mailboxes, eq(mailboxes.id, outreachMessages.mailboxId))
      .where(
        and(
          eq(outreachMessages.status, 'scheduled'),
          lte(outreachMessages.sendAt, now),
          eq(mailboxes.enabled, true),
        ),
      );
    let handled = 0;
    await Promise.all(
      dueMailboxes.map(async ({ id }) => {
        const { mailbox, messages } = await claim(id);
        handled += messages.length;
        await Promise.all(
          messages.map((m) =>
            deliver(mailbox, m).catch((error) =>
              deps.logger?.error({ err: error, message: m.id }, 'outreach: send failed'),
            ),
          ),
        );
      }),
    );
    return handled;
  }

  /** Sends until nothing is due now. */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await runOnce();
      if (n === 0) return total;
      total += n;
    }
  }

  function close() {
    for (const { pool } of pools.values()) pool.close();
    pools.clear();
  }

  return { recover, runOnce, drain, close };
}

export type Sender = ReturnType<typeof createSender>;
