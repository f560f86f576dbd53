/**
 * IMAP sync of 5,000 messages: a real dovecot (test/support/dovecot.ts) holding 5,000 messages
 * (2% replies threaded to 100 sent emails, 1% out-of-office, 1% bounces, the rest unrelated)
 * read into an embedded database by the inbox sync, then read again (nothing new).
 * Prints seconds and messages per second for each pass, and the machine load.
 *
 *   npx tsx bench/outreach/imap-sync.bench.ts [messages]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { count } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { contacts, inboundMessages, mailboxes, workspaces } from '../../server/db/schema/index.ts';
import { secretBox } from '../../server/lib/secret-box.ts';
import { syncMailbox } from '../../server/outreach/inbox/inbox-sync.ts';
import { skipDovecotReason, startDovecot } from '../../test/support/dovecot.ts';
import { bounceMail, outOfOfficeMail, plainMail, replyMail } from '../../test/support/inbound-mail.ts';
import { seedSentSequence } from '../../test/support/outreach-state.ts';

const total = Number(process.argv[2] ?? 5000);
const secret = 'bench-secret-that-is-long-enough-0123456789';

if (skipDovecotReason) {
  console.log(skipDovecotReason);
  process.exit(0);
}

const dovecot = await startDovecot([{ user: 'bench', password: 'bench-secret' }]);
const database = await openDatabase({});
try {
  await migrate(database);
  const db = database.db;
  const [workspace] = await db.insert(workspaces).values({ name: 'Bench' }).returning();
  const imap = dovecot.account('bench');
  const [mailbox] = await db
    .insert(mailboxes)
    .values({
      workspaceId: workspace.id,
      name: 'Bench',
      fromAddress: 'bench@agency.test',
      smtpHost: '127.0.0.1',
      smtpPort: 2525,
      smtpTls: 'none',
      imapHost: imap.host,
      imapPort: imap.port,
      imapTls: false,
      imapUser: imap.user,
      imapPasswordSealed: secretBox(secret, 'mailbox').seal(imap.password),
    })
    .returning();
  const people = await db
    .insert(contacts)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        workspaceId: workspace.id,
        name: `Creator ${i}`,
        emails: [`c${i}@creators.test`],
      })),
    )
    .returning({ id: contacts.id, emails: contacts.emails });
  const threads = await seedSentSequence(db, {
    workspaceId: workspace.id,
    mailboxId: mailbox.id,
    subject: 'Spring launch',
    sentAt: new Date('2026-12-01T09:00:00Z'),
    recipients: people.map((p) => ({ dealId: null, contactId: p.id, to: p.emails[0] })),
  });

  const raw: string[] = [];
  for (let i = 0; i < total; i++) {
    const t = threads[i % threads.length];
    const base = { to: 'bench@agency.test', messageId: `${randomUUID()}@bench.test` };
    if (i % 50 === 0) {
      raw.push(
        replyMail({
          ...base,
          from: t.to,
          subject: 'Re: Spring launch',
          inReplyTo: t.firstMessageId,
          text: 'Yes!',
          quote: 'Hello',
        }),
      );
    } else if (i % 100 === 1) {
      raw.push(
        outOfOfficeMail({
          ...base,
          from: t.to,
          subject: 'Out of office: Spring launch',
          inReplyTo: t.firstMessageId,
        }),
      );
    } else if (i % 100 === 2) {
      raw.push(
        bounceMail({
          ...base,
          from: 'MAILER-DAEMON@mx.test',
          subject: 'Undelivered',
          recipient: t.to,
          originalMessageId: t.firstMessageId,
          originalSubject: 'Spring launch',
        }),
      );
    } else {
      raw.push(
        plainMail({
          ...base,
          from: `news${i}@lists.test`,
          subject: `Newsletter ${i}`,
          text: 'Lorem ipsum dolor sit amet. '.repeat(40),
        }),
      );
    }
  }
  const delivering = performance.now();
  await dovecot.deliver('bench', raw);
  console.log(
    `delivered ${total} messages into dovecot in ${((performance.now() - delivering) / 1000).toFixed(1)} s`,
  );

  const deps = { db, secret, now: () => new Date() };
  for (const pass of ['first sync', 'second sync']) {
    const started = performance.now();
    const result = await syncMailbox(deps, mailbox.id, { batchSize: 200 });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${pass}: ${result.fetched} fetched in ${seconds.toFixed(2)} s (${(result.fetched / seconds || 0).toFixed(0)} messages/s), stored ${JSON.stringify(result.stored)}`,
    );
  }
  const [stored] = await db.select({ n: count() }).from(inboundMessages);
  console.log(
    `inbound rows: ${stored.n}; load average (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await database.close();
  await dovecot.stop();
}
