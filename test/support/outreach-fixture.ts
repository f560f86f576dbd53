/**
 * A workspace with one uncapped loopback mailbox and `count` queued messages to distinct
 * recipients, written straight into the database: the crash test and the bench exercise the
 * sender, not the API that queues.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { contacts, mailboxes, workspaces } from '../../server/db/schema/index.ts';
import { type NewMessage, newMessageId, scheduleMessages } from '../../server/outreach/message-queue.ts';

export async function seedOutbox(db: Db, options: { count: number; smtpPort: number; now: Date }) {
  const [workspace] = await db.insert(workspaces).values({ name: 'Bench' }).returning();
  const workspaceId = (workspace as { id: string }).id;
  const [mailbox] = await db
    .insert(mailboxes)
    .values({
      workspaceId,
      name: 'Loopback',
      fromAddress: 'bench@murmur.test',
      smtpHost: '127.0.0.1',
      smtpPort: options.smtpPort,
      smtpTls: 'none',
      dailyCap: null,
      hourlyCap: null,
      spacingMinutes: 0,
      jitterMinutes: 0,
      sendWindow: null,
    })
    .returning();
  const mailboxId = (mailbox as { id: string }).id;
  const ids: string[] = [];
  for (let i = 0; i < options.count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, options.count - i) }, (_, k) => ({
      workspaceId,
      name: `Recipient ${i + k}`,
      emails: [`r${i + k}@example.test`],
    }));
    const rows = await db.insert(contacts).values(batch).returning({ id: contacts.id });
    ids.push(...rows.map((r) => r.id));
  }
  const messages: NewMessage[] = ids.map((contactId, i) => ({
    idempotencyKey: `bench:${i}`,
    contactId,
    dealId: null,
    enrolmentId: null,
    stepId: null,
    stepPosition: null,
    threadId: randomUUID(),
    messageId: newMessageId('bench@murmur.test'),
    inReplyTo: null,
    references: [],
    fromName: 'Bench',
    fromAddress: 'bench@murmur.test',
    toAddress: `r${i}@example.test`,
    subject: `Hello ${i}`,
    bodyHtml: `<p>Hello recipient ${i}</p>`,
    bodyText: `Hello recipient ${i}`,
    notBefore: options.now,
    createdBy: null,
  }));
  for (let i = 0; i < messages.length; i += 2000) {
    await db.transaction((tx) =>
      scheduleMessages(tx, workspaceId, mailboxId, messages.slice(i, i + 2000), options.now),
    );
  }
  return { workspaceId, mailboxId };
}

export async function statusCounts(db: Db) {
  const result = (await db.execute(
    sql`select status, count(*)::int as n from outreach_messages group by status`,
  )) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
