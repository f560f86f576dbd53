/**
 * Replies arrive by themselves: Mia's agency mailed Ada, Ben and Cleo the first step of a
 * sequence; into the agency's real IMAP mailbox (dovecot) come Ada's reply, Ben's
 * out-of-office, a bounce for Cleo and a newsletter. Reading the mailbox sorts each out, moves
 * Ada's deal to Replied and stops only her follow-up, suppresses Cleo's address, and reading it
 * again changes nothing. Another workspace never sees any of it.
 */
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { enrolments, outreachMessages, suppressions } from '../server/db/schema/index.ts';
import { startQueue } from '../server/jobs/queue.ts';
import { startWorkers } from '../server/jobs/registry.ts';
import { rows } from '../server/niches/niche-store.ts';
import { enqueueInboxSync, inboxSyncJob } from '../server/outreach/inbox/inbox-sync.job.ts';
import { syncMailbox } from '../server/outreach/inbox/inbox-sync.ts';
import { unsubscribeToken } from '../server/outreach/unsubscribe-token.ts';
import { createTestApp, testSecret, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { type Dovecot, skipDovecotReason, startDovecot } from './support/dovecot.ts';
import { bounceMail, outOfOfficeMail, plainMail, replyMail } from './support/inbound-mail.ts';
import { addMailbox, type SentThread, seedSentSequence } from './support/outreach-state.ts';
import { tempDir } from './support/temp-dir.ts';

describe.skipIf(skipDovecotReason).each(testDatabaseKinds)(
  'outreach inbox on %s',
  (kind) => {
    let database: Database;
    let dovecot: Dovecot;
    let mia: Api;
    type InboxApi = Api['outreach']['inbox'];
    let inbox: InboxApi;
    let viewerInbox: InboxApi;
    let ollyInbox: InboxApi;
    let mailboxId: string;
    let ollyMailboxId: string;
    let otherWorkspaceId: string;
    let campaignId: string;
    let threads: Record<'ada' | 'ben' | 'cleo', SentThread>;
    const subject = 'Spring launch with Oatly-ish';

    beforeAll(async () => {
      [database, dovecot] = await Promise.all([
        openTestDatabase(kind),
        startDovecot([
          { user: 'outreach', password: 'imap-secret' },
          { user: 'other', password: 'other-secret' },
        ]),
      ]);
      const app = createTestApp(database);
      const miaSession = await userInWorkspace(app, database, {
        email: 'mia@agency.test',
        workspace: 'Agency',
        role: 'owner',
      });
      const vicSession = await userInWorkspace(app, database, {
        email: 'vic@agency.test',
        workspace: 'Agency',
        role: 'viewer',
      });
      const ollySession = await userInWorkspace(app, database, {
        email: 'olly@other.test',
        workspace: 'Other',
        role: 'owner',
      });
      mia = callerFor(database, miaSession);
      inbox = callerFor(database, miaSession).outreach.inbox;
      viewerInbox = callerFor(database, vicSession).outreach.inbox;
      ollyInbox = callerFor(database, ollySession).outreach.inbox;
      const olly = callerFor(database, ollySession);
      otherWorkspaceId = (await olly.auth.me()).workspaceId!;
      const workspaceId = (await mia.auth.me()).workspaceId!;
      campaignId = (
        await mia.campaigns.create({
          name: 'Spring',
          client: 'Oatly-ish',
          budgetMinor: 100_000,
          currency: 'EUR',
        })
      ).id;
      const people = ['Ada', 'Ben', 'Cleo'];
      const contactIds: string[] = [];
      for (const name of people) {
        contactIds.push(
          (await mia.contacts.create({ name, emails: [`${name.toLowerCase()}@creators.test`] })).id,
        );
      }
      const added = await mia.deals.create({ campaignId, contactIds });
      const board = await mia.deals.board({ campaignId });
      const contacted = board.stages.find((s) => s.name === 'Contacted')!.id;
      await mia.deals.bulkMove({
        ids: added.added.map((d) => d.dealId),
        stageId: contacted,
        acceptOverBudget: false,
      });
      mailboxId = await addMailbox(mia, {
        name: 'Outreach',
        imap: dovecot.account('outreach'),
      });
      const seeded = await seedSentSequence(database.db, {
        workspaceId,
        mailboxId,
        subject,
        sentAt: new Date('2026-12-01T09:00:00Z'),
        recipients: added.added.map((d, i) => ({
          dealId: d.dealId,
          contactId: d.contactId,
          to: `${people[i].toLowerCase()}@creators.test`,
        })),
      });
      threads = { ada: seeded[0], ben: seeded[1], cleo: seeded[2] };
      ollyMailboxId = await addMailbox(olly, {
        name: 'Other',
        imap: dovecot.account('other'),
      });
    });
    afterAll(async () => {
      await dovecot?.stop();
      await database?.close();
    });

    it('sorts a reply, an out-of-office, a bounce and a newsletter, and reads each once', async () => {
      await dovecot.deliver('outreach', [
        replyMail({
          from: 'Ada Lovelace <ada@creators.test>',
          to: 'outreach@agency.test',
          subject: `Re: ${subject}`,
          messageId: 'ada-reply-1@creators.test',
          inReplyTo: threads.ada.firstMessageId,
          references: [threads.ada.firstMessageId],
          text: 'Sounds great, send me the brief!',
          quote: 'Hi Ada,\nwould you like to work with us?',
        }),
        outOfOfficeMail({
          from: 'Ben <ben@creators.test>',
          to: 'outreach@agency.test',
          subject: `Automatic reply: ${subject}`,
          messageId: 'ben-ooo-1@creators.test',
          inReplyTo: threads.ben.firstMessageId,
        }),
        bounceMail({
          from: 'Mail Delivery System <MAILER-DAEMON@mx.agency.test>',
          to: 'outreach@agency.test',
          subject: 'Undelivered Mail Returned to Sender',
          messageId: 'dsn-1@mx.agency.test',
          recipient: 'cleo@creators.test',
          originalMessageId: threads.cleo.firstMessageId,
          originalSubject: subject,
        }),
        plainMail({
          from: 'Deals Weekly <news@deals.test>',
          to: 'outreach@agency.test',
          subject: 'This week in deals',
          messageId: 'news-1@deals.test',
          text: 'Ten tips for your pipeline.',
        }),
      ]);
      const first = await inbox.sync({ mailboxId });
      expect(first).toMatchObject({
        status: 'done',
        fetched: 4,
        stored: { reply: 1, auto_reply: 1, bounce: 1, unrelated: 1 },
      });
      const all = await inbox.list({ filter: 'all' });
      const byFrom = Object.fromEntries(all.items.map((m) => [m.fromAddress, m]));
      expect(byFrom['ada@creators.test']).toMatchObject({
        kind: 'reply',
        matchedBy: 'in_reply_to',
        contactName: 'Ada',
        stageName: 'Replied',
        bodyText: 'Sounds great, send me the brief!',
      });
      expect(byFrom['ada@creators.test'].quotedText).toMatch(
        /^On Tue, 1 Dec 2026 at 09:00, Mia <mia@agency.test> wrote:\n> Hi Ada/,
      );
      expect(byFrom['ben@creators.test']).toMatchObject({
        kind: 'auto_reply',
        reason: 'Auto-Submitted: auto-replied',
        stageName: 'Contacted',
      });
      expect(byFrom['mailer-daemon@mx.agency.test']).toMatchObject({
        kind: 'bounce',
        bounceRecipient: 'cleo@creators.test',
        bounceStatus: '5.1.1',
        matchedBy: 'bounce_report',
        contactName: 'Cleo',
      });
      expect(byFrom['mailer-daemon@mx.agency.test'].bounceDiagnostic).toContain(
        'User unknown in virtual mailbox table',
      );
      expect(byFrom['news@deals.test']).toMatchObject({ kind: 'unrelated', contactId: null, dealId: null });
      expect(await inbox.counts()).toEqual({
        toHandle: 1,
        handled: 0,
        autoReplies: 1,
        bounces: 1,
        unsubscribes: 0,
        unrelated: 1,
      });

      const again = await inbox.sync({ mailboxId });
      expect(again).toMatchObject({
        status: 'done',
        fetched: 0,
        stored: { reply: 0, auto_reply: 0, bounce: 0, unrelated: 0 },
      });
      expect((await inbox.list({ filter: 'all' })).items).toHaveLength(4);
      // Read-only: the person reading the mailbox in their own client still sees it all as new.
      expect(await dovecot.unseen('outreach')).toBe(4);
    });

    it("moves Ada's deal to Replied and stops only her follow-up, on the deal's timeline", async () => {
      const board = await mia.deals.board({ campaignId });
      const stageOf = (dealId: string | null) =>
        board.stages.find((s) => s.id === board.cards.find((c) => c.id === dealId)?.stageId)?.name;
      expect([
        stageOf(threads.ada.dealId),
        stageOf(threads.ben.dealId),
        stageOf(threads.cleo.dealId),
      ]).toEqual(['Replied', 'Contacted', 'Contacted']);
      const status = async (t: SentThread) => {
        const [e] = await database.db.select().from(enrolments).where(eq(enrolments.id, t.enrolmentId));
        const [m] = await database.db
          .select()
          .from(outreachMessages)
          .where(eq(outreachMessages.id, t.nextMessageRowId));
        return [e.status, e.stopReason, m.status];
      };
      expect(await status(threads.ada)).toEqual(['stopped', 'replied', 'cancelled']);
      expect(await status(threads.ben)).toEqual(['active', null, 'scheduled']);
      const adaFeed = await mia.deals.timeline({ id: threads.ada.dealId! });
      expect(
        adaFeed.items
          .map((i) => i.kind)
          .slice(0, 2)
          .sort(),
      ).toEqual(['email_replied', 'stage_changed']);
      const reply = adaFeed.items.find((i) => i.kind === 'email_replied')!;
      expect(reply.payload).toMatchObject({
        body: 'Sounds great, send me the brief!',
        from: 'ada@creators.test',
      });
      expect(String(reply.payload.quoted)).toContain('> Hi Ada');
      const benFeed = await mia.deals.timeline({ id: threads.ben.dealId! });
      expect(benFeed.items[0]).toMatchObject({
        kind: 'email_auto_reply',
        payload: { reason: 'Auto-Submitted: auto-replied' },
      });
    });

    it("suppresses Cleo's bounced address, marks her do-not-contact and stops her sequence", async () => {
      const suppressed = await database.db
        .select({ reason: suppressions.reason })
        .from(suppressions)
        .where(and(eq(suppressions.address, 'cleo@creators.test')));
      expect(suppressed).toEqual([{ reason: 'bounced' }]);
      expect(await mia.contacts.byId({ id: threads.cleo.contactId })).toMatchObject({ doNotContact: true });
      const [e] = await database.db
        .select()
        .from(enrolments)
        .where(eq(enrolments.id, threads.cleo.enrolmentId));
      expect([e.status, e.stopReason]).toEqual(['stopped', 'bounced']);
    });

    it('unsubscribes Ben when his mail client answers the List-Unsubscribe mailto, and nobody by a forged or foreign token', async () => {
      const workspaceId = (await mia.auth.me()).workspaceId!;
      const bens = unsubscribeToken(testSecret, workspaceId, 'ben@creators.test');
      const adas = unsubscribeToken(testSecret, workspaceId, 'ada@creators.test');
      const forged = `${adas.split('.')[0]}.${bens.split('.')[1]}`;
      const foreign = unsubscribeToken(testSecret, otherWorkspaceId, 'ada@creators.test');
      const request = (from: string, token: string, id: string) =>
        plainMail({
          from,
          to: 'outreach@agency.test',
          subject: `unsubscribe ${token}`,
          messageId: `${id}@creators.test`,
          text: 'This message was automatically generated by Mail to unsubscribe you from this mailing list.',
        });
      await dovecot.deliver('outreach', [
        request('Ben <ben@creators.test>', bens, 'ben-unsub'),
        request('Mallory <mallory@creators.test>', forged, 'forged-unsub'),
        request('Mallory <mallory@creators.test>', foreign, 'foreign-unsub'),
      ]);
      const synced = await inbox.sync({ mailboxId });
      expect(synced.stored).toMatchObject({ unsubscribe: 1, reply: 0, unrelated: 2 });

      const suppressed = await database.db
        .select({ address: suppressions.address, reason: suppressions.reason })
        .from(suppressions)
        .where(eq(suppressions.workspaceId, workspaceId));
      expect(suppressed.sort((a, b) => a.address.localeCompare(b.address))).toEqual([
        { address: 'ben@creators.test', reason: 'unsubscribed' },
        { address: 'cleo@creators.test', reason: 'bounced' },
      ]);
      expect(await mia.contacts.byId({ id: threads.ben.contactId })).toMatchObject({ doNotContact: true });
      const [e] = await database.db
        .select()
        .from(enrolments)
        .where(eq(enrolments.id, threads.ben.enrolmentId));
      expect([e.status, e.stopReason]).toEqual(['stopped', 'unsubscribed']);
      // Not a reply: Ben's deal stays where it was.
      const board = await mia.deals.board({ campaignId });
      const ben = board.cards.find((c) => c.id === threads.ben.dealId)!;
      expect(board.stages.find((s) => s.id === ben.stageId)?.name).toBe('Contacted');

      const listed = await inbox.list({ filter: 'unsubscribe' });
      expect(listed.items).toEqual([
        expect.objectContaining({
          kind: 'unsubscribe',
          fromAddress: 'ben@creators.test',
          subject: 'unsubscribe (signed request)',
        }),
      ]);
      expect(JSON.stringify(await inbox.list({ filter: 'all' }))).not.toContain(bens);
      expect(await inbox.counts()).toMatchObject({ unsubscribes: 1, toHandle: 1 });
    });

    it('lets a member mark a reply handled, not a viewer', async () => {
      const [reply] = (await inbox.list({ filter: 'to_handle' })).items;
      expect((await failure(viewerInbox.markHandled({ id: reply.id, handled: true }))).code).toBe(
        'FORBIDDEN',
      );
      const handled = await inbox.markHandled({ id: reply.id, handled: true });
      expect(handled.handledAt).not.toBeNull();
      expect((await inbox.list({ filter: 'to_handle' })).items).toEqual([]);
      expect((await inbox.list({ filter: 'handled' })).items.map((m) => m.id)).toEqual([reply.id]);
    });

    it('matches a reply without threading headers by sender and subject, and survives a new UIDVALIDITY', async () => {
      const dan = await mia.contacts.create({ name: 'Dan', emails: ['dan@creators.test'] });
      const deal = (await mia.deals.create({ campaignId, contactIds: [dan.id] })).added[0];
      const workspaceId = (await mia.auth.me()).workspaceId!;
      const repliesBox = await addMailbox(mia, {
        name: 'Replies folder',
        imap: dovecot.account('outreach'),
        folder: 'Replies',
      });
      const [thread] = await seedSentSequence(database.db, {
        workspaceId,
        mailboxId: repliesBox,
        subject: 'Collab for the spring drop',
        sentAt: new Date('2026-12-01T09:00:00Z'),
        recipients: [{ dealId: deal.dealId, contactId: dan.id, to: 'dan@creators.test' }],
      });
      await dovecot.deliver(
        'outreach',
        plainMail({
          from: 'Dan <DAN@creators.test>',
          to: 'outreach@agency.test',
          subject: 'AW: RE: Collab for the  spring drop',
          messageId: 'dan-1@creators.test',
          text: 'Ja, gerne!',
        }),
        'Replies',
      );
      const first = await inbox.sync({ mailboxId: repliesBox });
      expect(first).toMatchObject({ fetched: 1, resynced: false, stored: { reply: 1 } });
      const [stored] = (await inbox.list({ filter: 'to_handle' })).items.filter(
        (m) => m.fromAddress === 'dan@creators.test',
      );
      expect(stored).toMatchObject({
        matchedBy: 'sender_subject',
        dealId: deal.dealId,
        stageName: 'Replied',
      });
      const [e] = await database.db.select().from(enrolments).where(eq(enrolments.id, thread.enrolmentId));
      expect(e.stopReason).toBe('replied');

      await dovecot.recreateFolder('outreach', 'Replies');
      const after = await inbox.sync({ mailboxId: repliesBox });
      expect(after).toMatchObject({
        fetched: 1,
        resynced: true,
        stored: { reply: 0, auto_reply: 0, bounce: 0, unrelated: 0 },
      });
      expect(after.uidValidity).not.toBe(first.uidValidity);
      expect(
        (await inbox.list({ filter: 'all' })).items.filter((m) => m.fromAddress === 'dan@creators.test'),
      ).toHaveLength(1);
    });

    it('reads mail that arrives while it waits in IDLE', async () => {
      const stop = new AbortController();
      const watching = syncMailbox(
        { db: database.db, secret: testSecret, now: () => new Date() },
        mailboxId,
        {
          watchSeconds: 60,
          signal: stop.signal,
        },
      );
      try {
        // The mail may land while the first pass still runs, or once the watch waits in IDLE.
        await expect
          .poll(async () => (await inbox.status()).find((s) => s.mailboxId === mailboxId)?.syncing)
          .toBe(true);
        await dovecot.deliver(
          'outreach',
          plainMail({
            from: 'Eve <eve@else.test>',
            to: 'outreach@agency.test',
            subject: 'Hello',
            messageId: 'eve-1@else.test',
            text: 'Hi!',
          }),
        );
        await expect
          .poll(async () => (await inbox.list({ filter: 'unrelated' })).items.map((m) => m.fromAddress), {
            timeout: 20_000,
          })
          .toContain('eve@else.test');
      } finally {
        // A failed wait must not leave the watch holding the folder for the tests after this one.
        stop.abort();
      }
      expect(await watching).toMatchObject({ idle: true, fetched: 1 });
      expect((await inbox.status()).find((s) => s.mailboxId === mailboxId)?.syncing).toBe(false);
    });

    it('a stopping worker leaves IDLE at once and gives the folder back for the next one', async () => {
      const logger = pino({ level: 'silent' });
      const queue = await startQueue(database, logger, [inboxSyncJob]);
      const config = loadConfig({
        DATA_DIR: tempDir('murmur-inbox-stop-'),
        SESSION_SECRET: testSecret,
      });
      await startWorkers({ database, logger, queue, config }, [inboxSyncJob as never]);
      const syncing = async () => (await inbox.status()).find((s) => s.mailboxId === mailboxId)?.syncing;
      await enqueueInboxSync(queue, mailboxId);
      await expect.poll(syncing, { timeout: 20_000 }).toBe(true);
      // A deploy stops the worker: it must not keep the folder until its four-minute watch ends.
      await queue.stop();
      expect(await syncing()).toBe(false);
      const [job] = await rows<{ state: string }>(
        database.db,
        sql`select state from pgboss.job where name = ${inboxSyncJob.name}`,
      );
      expect(job?.state).toBe('completed');
    });

    it("keeps each workspace's inbox to itself, by id guessing too", async () => {
      await dovecot.deliver(
        'other',
        plainMail({
          from: 'x@y.test',
          to: 'other@other.test',
          subject: 'Hi',
          messageId: 'o-1@y.test',
          text: 'Hello',
        }),
      );
      expect(await ollyInbox.sync({ mailboxId: ollyMailboxId })).toMatchObject({ fetched: 1 });
      const agencyIds = (await inbox.list({ filter: 'all' })).items.map((m) => m.id);
      const ollyItems = (await ollyInbox.list({ filter: 'all' })).items;
      expect(ollyItems.map((m) => m.fromAddress)).toEqual(['x@y.test']);
      expect(agencyIds).not.toContain(ollyItems[0].id);
      expect((await failure(inbox.byId({ id: ollyItems[0].id }))).code).toBe('NOT_FOUND');
      expect((await failure(inbox.markHandled({ id: ollyItems[0].id, handled: true }))).code).toBe(
        'NOT_FOUND',
      );
      expect((await failure(ollyInbox.sync({ mailboxId }))).code).toBe('NOT_FOUND');
      expect((await failure(ollyInbox.byId({ id: agencyIds[0] }))).code).toBe('NOT_FOUND');
      expect((await ollyInbox.status()).map((s) => s.mailboxName)).toEqual(['Other']);
    });
  },
  120_000,
);
