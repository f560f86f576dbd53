/**
 * Putting messages on a mailbox's queue. Each gets its planned slot (send-plan.ts) while the
 * mailbox row is locked, so two people scheduling on one mailbox at once cannot book the same
 * capacity; the insert is idempotent on (workspace, idempotency key).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { type Mailbox, mailboxes, outreachMessages } from '../db/schema/index.ts';
import { limitsOf, workspaceTimeZone } from './mailboxes.service.ts';
import { createSendPlanner, type Placement } from './send-plan.ts';

export type NewMessage = {
  idempotencyKey: string;
  contactId: string;
  dealId: string | null;
  enrolmentId: string | null;
  stepId: string | null;
  stepPosition: number | null;
  threadId: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromName: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  bodyHtml: string;
  bodyText: string;
  notBefore: Date;
  createdBy: string | null;
};

/** A fresh RFC 5322 Message-ID (without brackets) in the sender's domain. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'murmur.invalid';
  return `${randomUUID()}@${domain}`;
}

/** Locks the mailbox row for this transaction: the one lock that makes caps hold across workers. */
export async function lockMailbox(tx: Tx, mailboxId: string): Promise<Mailbox> {
  const [row] = await tx.select().from(mailboxes).where(eq(mailboxes.id, mailboxId)).for('update');
  if (!row) throw new Error('outreach/message-queue: the mailbox is gone');
  return row;
}

/** What the mailbox already has booked or sent from a day before `from` on, for the planner. */
async function occupiedSlots(tx: Db | Tx, mailboxId: string, from: Date): Promise<Date[]> {
  const since = new Date(from.getTime() - 2 * 24 * 3600_000);
  const rows = await tx
    .select({
      sendAt: outreachMessages.sendAt,
      startedAt: outreachMessages.sendingStartedAt,
      status: outreachMessages.status,
    })
    .from(outreachMessages)
    .where(
      and(
        eq(outreachMessages.mailboxId, mailboxId),
        or(
          and(eq(outreachMessages.status, 'scheduled'), gte(outreachMessages.sendAt, since)),
          and(
            inArray(outreachMessages.status, ['sending', 'sent']),
            gte(outreachMessages.sendingStartedAt, since),
          ),
        ),
      ),
    );
  return rows.map((r) => (r.status === 'scheduled' ? r.sendAt : (r.startedAt ?? r.sendAt)));
}

/** Plans slots for `notBefores` (in order) without booking them: the enrolment preview. */
export async function previewSlots(
  db: Db | Tx,
  mailbox: Mailbox,
  notBefores: Date[],
  now: Date,
  rng: () => number = Math.random,
): Promise<Placement[]> {
  const zone = await workspaceTimeZone(db, mailbox.workspaceId);
  const planner = createSendPlanner(limitsOf(mailbox, zone), await occupiedSlots(db, mailbox.id, now), rng);
  const order = notBefores.map((t, i) => ({ t, i })).sort((a, b) => a.t.getTime() - b.t.getTime());
  const out: Placement[] = new Array(notBefores.length);
  for (const { t, i } of order) out[i] = planner.place(new Date(Math.max(t.getTime(), now.getTime())));
  return out;
}

/**
 * Books and inserts messages on one mailbox inside the caller's transaction. Returns the ids of
 * the rows now on the queue (an idempotency key seen before returns the earlier row).
 */
export async function scheduleMessages(
  tx: Tx,
  workspaceId: string,
  mailboxId: string,
  items: NewMessage[],
  now: Date,
  rng: () => number = Math.random,
): Promise<{ id: string; idempotencyKey: string; sendAt: Date }[]> {
  if (items.length === 0) return [];
  const mailbox = await lockMailbox(tx, mailboxId);
  const slots = await previewSlots(
    tx,
    mailbox,
    items.map((m) => m.notBefore),
    now,
    rng,
  );
  const rows = items.map((m, i) => {
    const slot = slots[i] as Placement;
    const waiting = slot.reason ?? (m.notBefore.getTime() > now.getTime() ? 'delay' : null);
    return {
      ...m,
      workspaceId,
      mailboxId,
      sendAt: slot.sendAt,
      waitReason: waiting,
      createdAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(outreachMessages)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: [outreachMessages.workspaceId, outreachMessages.idempotencyKey] });
  }
  return tx
    .select({
      id: outreachMessages.id,
      idempotencyKey: outreachMessages.idempotencyKey,
      sendAt: outreachMessages.sendAt,
    })
    .from(outreachMessages)
    .where(
      and(
        eq(outreachMessages.workspaceId, workspaceId),
        inArray(
          outreachMessages.idempotencyKey,
          items.map((m) => m.idempotencyKey),
        ),
      ),
    );
}
