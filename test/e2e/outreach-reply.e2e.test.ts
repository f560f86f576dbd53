/**
 * A reply lands on its deal, in the browser: Mia enrols three deals into a two-step sequence,
 * Ada answers the first email (threaded by In-Reply-To) into the agency's real IMAP mailbox,
 * Mia checks the inbox, and Ada's deal shows Replied with her reply (quote folded) and her
 * follow-up cancelled, while Ben's and Cleo's follow-ups stay scheduled.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageApi, skipBrowserReason, startTestServer } from '../support/browser.ts';
import { type Dovecot, skipDovecotReason, startDovecot } from '../support/dovecot.ts';
import { replyMail } from '../support/inbound-mail.ts';

describe.skipIf(!!skipBrowserReason || !!skipDovecotReason)(
  'a reply stopping a sequence, in the browser',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let dovecot: Dovecot;
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      [server, dovecot, browser] = await Promise.all([
        startTestServer(),
        startDovecot([{ user: 'outreach', password: 'imap-secret' }]),
        launchBrowser(),
      ]);
      page = await browser.newPage();
      page.setDefaultTimeout(30_000);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await dovecot?.stop();
    });

    const call = <T>(path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
      pageApi(page)<T>(path, input, kind);

    /** A mailbox that sends to nowhere in particular and reads replies from dovecot's outreach user. */
    const addMailbox = (name: string, fromAddress: string, imapPassword?: string) => {
      const imap = dovecot.account('outreach');
      return call<{ id: string }>('outreach.createMailbox', {
        name,
        fromAddress,
        smtpHost: '127.0.0.1',
        smtpPort: 2525,
        smtpTls: 'none',
        imapHost: imap.host,
        imapPort: imap.port,
        imapTls: false,
        imapUser: imap.user,
        imapPassword: imapPassword ?? imap.password,
      });
    };

    it('moves the replying deal to Replied and cancels only its next step', async () => {
      await page.goto(server.url);
      await page.getByLabel('Your name').fill('Mia Marketer');
      await page.getByLabel('Email').fill('mia@agency.test');
      await page.getByLabel('Password').fill('a very good password');
      await page.getByLabel('Workspace name').fill('Seeding Agency');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

      // Contacts, deals, a mailbox, a template and a sequence through the API (their own pages have their own tests).
      const contactIds: string[] = [];
      for (const name of ['Ada', 'Ben', 'Cleo']) {
        const contact = await call<{ id: string }>('contacts.create', {
          name,
          emails: [`${name.toLowerCase()}@creators.test`],
        });
        contactIds.push(contact.id);
      }
      const campaign = await call<{ id: string }>('campaigns.create', {
        name: 'Spring',
        client: 'Oat Co',
        currency: 'EUR',
      });
      const deals = await call<{ added: { dealId: string; contactId: string }[] }>('deals.create', {
        campaignId: campaign.id,
        contactIds,
      });
      const mailbox = await addMailbox('Outreach', 'outreach@agency.test');
      await call('outreach.setIdentity', { mailboxId: mailbox.id, fromName: 'Mia' });
      const template = await call<{ id: string }>('outreach.createTemplate', {
        name: 'Intro',
        subject: 'Spring launch',
        bodyHtml: '<p>Hello! Would you like to work with us?</p>',
      });
      const sequence = await call<{ id: string }>('outreach.createSequence', {
        name: 'Spring intro',
        campaignId: campaign.id,
        steps: [
          { delayDays: 0, templateId: template.id },
          { delayDays: 3, templateId: template.id },
        ],
      });
      await call('outreach.enrol', {
        sequenceId: sequence.id,
        dealIds: deals.added.map((d) => d.dealId),
      });
      const ada = deals.added[0];
      type Queued = { messageId: string; stepPosition: number; dealId: string; status: string };
      const outbox = (dealId?: string) =>
        call<Queued[]>('outreach.outbox', dealId ? { dealId } : {}, 'query');
      const first = (await outbox(ada.dealId)).find((m) => m.stepPosition === 1)!;
      expect(first.messageId).toBeTruthy();

      await dovecot.deliver(
        'outreach',
        replyMail({
          from: 'Ada <ada@creators.test>',
          to: 'outreach@agency.test',
          subject: 'Re: Spring launch',
          messageId: 'ada-reply@creators.test',
          inReplyTo: first.messageId,
          references: [first.messageId],
          text: 'Yes please, send the brief.',
          quote: 'Hello! Would you like to work with us?',
        }),
      );

      // Check the inbox from the Outreach page; the background sync may have got there first.
      await page.goto(`${server.url}/outreach`);
      await page.getByRole('link', { name: 'Inbox: replies to handle' }).click();
      await page.getByRole('button', { name: 'Check Outreach now' }).click();
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByRole('listitem', { name: 'Reply from Ada' }).count();
          },
          { timeout: 90_000, interval: 1_000 },
        )
        .toBe(1);
      const reply = page.getByRole('listitem', { name: 'Reply from Ada' });
      await reply.getByText('Yes please, send the brief.').waitFor();
      expect(await reply.getByText('Hello! Would you like to work with us?').isVisible()).toBe(false);
      await reply.getByText('Show quoted text').click();
      await reply.getByText('Hello! Would you like to work with us?').waitFor();

      // The deal page: Replied, the reply on its timeline, the follow-up cancelled.
      await reply.getByRole('link', { name: 'Spring' }).click();
      await expect
        .poll(() => page.getByLabel('Stage').locator('option:checked').textContent())
        .toBe('Replied');
      const timeline = page.getByRole('list', { name: /timeline/i });
      await timeline.getByText(/replied: the sequence stopped, 2 scheduled emails cancelled/).waitFor();
      await timeline.getByText('moved the deal from Shortlisted to Replied after a reply').waitFor();
      await timeline.getByText('Yes please, send the brief.').waitFor();

      expect(await outbox(ada.dealId)).toEqual([]);
      const others = await outbox();
      expect(others.map((m) => m.dealId).sort()).toEqual(
        deals.added
          .slice(1)
          .flatMap((d) => [d.dealId, d.dealId])
          .sort(),
      );
    });

    it('checks a mailbox’s inbox from Settings: what it found, or the step that failed', async () => {
      // A second mailbox whose IMAP password is wrong (last: the server then slows logins down).
      await addMailbox('Typo', 'typo@agency.test', 'not the password');
      const imap = dovecot.account('outreach');
      await page.goto(`${server.url}/settings`);
      const mailboxes = page.getByRole('list').filter({ hasText: 'outreach@agency.test' });
      await expect
        .poll(() =>
          mailboxes.getByText(`replies from outreach@127.0.0.1:${imap.port} (no TLS), INBOX`).count(),
        )
        .toBe(2);

      await page.getByRole('button', { name: 'Check the inbox of Outreach' }).click();
      const found = page.getByRole('status').filter({ hasText: 'Connected to 127.0.0.1' });
      await found.waitFor();
      expect(await found.textContent()).toBe(
        'Connected to 127.0.0.1 as outreach: “INBOX” holds 1 message; replies are read as they arrive (IDLE); not encrypted (allowed on this machine only).',
      );

      await page.getByRole('button', { name: 'Check the inbox of Typo' }).click();
      const refused = page.getByRole('status').filter({ hasText: 'Failed at signing in' });
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/refused user outreach/);
      expect(await refused.textContent()).not.toContain('not the password');
    });
  },
);
