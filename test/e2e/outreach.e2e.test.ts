/**
 * Outreach email in the browser, from an empty workspace: Mia connects a mailbox pointing at a
 * real SMTP server (loopback, no TLS), sets her sender identity, writes a template with merge
 * fields and watches its preview, writes to Ada from Ada's deal page, sees the message in the
 * sent log and at the SMTP server with Ada's name merged in, then enrols three deals into a
 * sequence and sees the enrolment preview and the outbox.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageApi, skipBrowserReason, startTestServer } from '../support/browser.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp-server.ts';

describe.skipIf(!!skipBrowserReason)('outreach email, in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let smtp: TestSmtp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  beforeAll(async () => {
    [server, smtp, browser] = await Promise.all([startTestServer(), startTestSmtp(), launchBrowser()]);
    page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (m: ConsoleMessage) => {
      // The sign-up page asks who is signed in before anyone is: that 401 is expected.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const call = <T>(path: string, input: unknown) => pageApi(page)<T>(path, input);

  it('connects a mailbox, writes a template, sends from a deal and enrols a sequence', async () => {
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Mia Marketer');
    await page.getByLabel('Email').fill('mia@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    // Contacts and deals through the API: their own pages have their own tests.
    const contactIds: string[] = [];
    for (const name of ['Ada Lovelace', 'Ben Okri', 'Cleo Park']) {
      const c = await call<{ id: string }>('contacts.create', {
        name,
        emails: [`${name.split(' ')[0]?.toLowerCase()}@creators.test`],
      });
      contactIds.push(c.id);
    }
    const campaign = await call<{ id: string }>('campaigns.create', { name: 'Spring', currency: 'EUR' });
    const deals = await call<{ added: { dealId: string }[] }>('deals.create', {
      campaignId: campaign.id,
      contactIds,
    });

    // Settings → Email: no mailbox yet, then one at the test SMTP server, sending at any hour.
    await page.goto(`${server.url}/settings`);
    await page.getByText('No mailbox yet').waitFor();
    const form = page.getByRole('form', { name: 'Add a mailbox' });
    await form.getByLabel('Mailbox name').fill('Outreach');
    await form.getByLabel('From address').fill('mia@agency.test');
    await form.getByLabel('SMTP host').fill('127.0.0.1');
    await form.getByLabel('SMTP port').fill(String(smtp.port));
    await form.getByLabel('SMTP security').selectOption('none');
    await form.getByText('Replies (IMAP), DKIM and limits').click();
    for (const label of ['Daily cap (empty: none)', 'Hourly cap (empty: none)'])
      await form.getByLabel(label).fill('');
    await form.getByLabel('Minutes between sends').fill('0');
    await form.getByLabel('Random extra minutes').fill('0');
    await form.getByLabel('Send on weekdays only, between').uncheck();
    await form.getByRole('button', { name: 'Save mailbox' }).click();
    await page.getByText(`127.0.0.1:${smtp.port} (none)`).waitFor();

    const identity = page.getByRole('form', { name: 'Your sender identity' });
    await identity.getByLabel('From name').fill('Mia from Seeding');
    await identity.getByRole('button', { name: 'Save identity' }).click();
    await identity.getByRole('status').getByText('Saved.').waitFor();

    // A template with merge fields, previewed for Ada.
    await page.goto(`${server.url}/outreach`);
    await page.getByText('No templates yet').waitFor();
    await page.getByText('Nothing waiting to go').waitFor();
    await page.getByText('Nothing sent yet').waitFor();
    const editor = page.getByRole('form', { name: 'Template editor' });
    await editor.getByLabel('Template name').fill('Intro');
    await editor.getByLabel('Subject').fill('{{campaignName}} launch');
    await editor
      .getByLabel(/^Body/)
      .fill('<p>Hello {{firstName}}, would you like to join {{campaignName}}?</p>');
    await editor.getByLabel('Preview for').selectOption({ label: 'Ada Lovelace' });
    const preview = editor.getByRole('region', { name: 'Preview' });
    await preview.getByText('Hello Ada, would you like to join').waitFor();
    await editor.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('button', { name: 'Edit Intro' }).waitFor();

    // Ada's deal → "Write an email" → from the template → send.
    await page.goto(`${server.url}/deals/${deals.added[0]?.dealId}`);
    await page.getByRole('link', { name: 'Write an email' }).click();
    const compose = page.getByRole('region', { name: 'Compose' });
    await compose.getByText('ada@creators.test').waitFor();
    await compose.getByLabel('Start from a template').selectOption({ label: 'Intro' });
    await compose.getByRole('button', { name: 'Send email' }).click();
    await compose
      .getByRole('status')
      .getByText(/Queued/)
      .waitFor();

    await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['ada@creators.test']);
    expect(mail.raw).toMatch(/Subject: Spring launch/);
    expect(mail.raw).toContain('Hello Ada, would you like to join Spring?');
    expect(mail.raw).toMatch(/From: Mia from Seeding <mia@agency.test>/);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole('table', { name: 'Sent log' }).getByText('ada@creators.test').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);

    // A sequence, three deals enrolled after their preview; next steps wait in the outbox.
    const newSequence = page.getByRole('form', { name: 'New sequence' });
    await newSequence.getByLabel('Sequence name').fill('Spring intro');
    await newSequence.getByLabel('Step 1 template').selectOption({ label: 'Intro' });
    await newSequence.getByRole('button', { name: 'Add a step' }).click();
    await newSequence.getByLabel('Step 2 template').selectOption({ label: 'Intro' });
    await newSequence.getByRole('button', { name: 'Create sequence' }).click();
    const card = page.getByRole('article', { name: 'Sequence Spring intro' });
    await card.getByRole('button', { name: 'Enrol deals in Spring intro' }).click();
    await card.getByLabel('Campaign').selectOption({ label: 'Spring' });
    for (const name of ['Ada Lovelace', 'Ben Okri', 'Cleo Park']) await card.getByLabel(name).check();
    const enrolPreview = card.getByRole('table', { name: 'Enrolment preview' });
    await expect.poll(() => enrolPreview.getByText(/Step 2: “Re: Spring launch”/).count()).toBe(3);
    await card.getByRole('button', { name: 'Enrol 3 deals' }).click();
    await card.getByRole('status').getByText('Enrolled 3.').waitFor();
    await page.reload();
    const outbox = page.getByRole('table', { name: 'Outbox' });
    for (const who of ['ada', 'ben', 'cleo'])
      await expect.poll(() => outbox.getByText(`${who}@creators.test`).count()).toBeGreaterThanOrEqual(1);

    // With a mailbox, an invitation goes out by e-mail too. First, a test email from Settings:
    // its result stays on screen (it used to vanish when the page's data reloaded).
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Test recipient for Outreach').fill('check@agency.test');
    await page.getByRole('button', { name: 'Send a test email' }).click();
    await page
      .getByRole('status')
      .getByText(/^Sent\. The server answered: 250/)
      .waitFor();
    await expect.poll(() => smtp.received.filter((m) => m.to.includes('check@agency.test')).length).toBe(1);
    await page.getByLabel('Email to invite').fill('olly@agency.test');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    await page.getByRole('status').getByText('sent to olly@agency.test').waitFor();
    await expect.poll(() => smtp.received.filter((m) => m.to.includes('olly@agency.test')).length).toBe(1);

    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('resets a forgotten password through a link mailed by the workspace mailbox', async () => {
    const guest = await browser.newPage();
    guest.setDefaultTimeout(30_000);
    await guest.goto(`${server.url}/sign-in`);
    await guest.getByRole('link', { name: 'Forgot password?' }).click();
    await guest.getByLabel('Email').fill('mia@agency.test');
    await guest.getByRole('button', { name: 'Send me a reset link' }).click();
    await guest
      .getByRole('status')
      .getByText(/If mia@agency.test has a Murmur account/)
      .waitFor();
    // The mail goes out from a background job, after the answer.
    const resets = () => smtp.received.filter((m) => /Subject: Reset your Murmur password/.test(m.raw));
    await expect.poll(() => resets().length, { timeout: 30_000 }).toBe(1);
    const mail = resets()[0]!;
    const token = /\/reset\/(mmr_[A-Za-z0-9_-]+)/.exec(mail.raw.replace(/=\r?\n/g, ''))?.[1];

    await guest.goto(`${server.url}/reset/${token}`);
    await guest.getByLabel('New password', { exact: true }).fill('a brand new password');
    await guest.getByLabel('New password again').fill('a brand new password');
    await guest.getByRole('button', { name: 'Set new password' }).click();
    await guest
      .getByRole('status')
      .getByText(/Your password is changed/)
      .waitFor();
    await guest.getByRole('link', { name: 'Sign in with your new password' }).click();
    await guest.getByLabel('Email').fill('mia@agency.test');
    await guest.getByLabel('Password').fill('a brand new password');
    await guest.getByRole('button', { name: 'Sign in' }).click();
    await guest.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
  });
});
