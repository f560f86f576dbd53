import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserReason, startTestServer } from '../support/browser.ts';

describe.skipIf(!!skipBrowserReason)('inviting a teammate in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let admin: BrowserContext;
  let newcomer: BrowserContext;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
      baseURL: server.url,
    });
    newcomer = await browser.newContext({ baseURL: server.url });
    // Starting a server and Chromium on a shared, busy machine can take a while.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin invites, copies the link, and the new person sets a password and lands in the workspace', async () => {
    const page = await admin.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Murmur' }).waitFor();
    await page.getByLabel('Your name').fill('Olga Owner');
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('No pending invitations').waitFor();
    await page.getByLabel('Email to invite').fill('nina@agency.test');
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const linkField = page.getByLabel('Invitation link');
    await linkField.waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await linkField.inputValue());
    expect(link).toMatch(/\/invite\/mmi_/);
    await page.getByRole('button', { name: 'Revoke invitation for nina@agency.test' }).waitFor();

    const nina = await newcomer.newPage();
    nina.setDefaultTimeout(10_000);
    await nina.goto(link);
    await nina.getByRole('heading', { name: 'Join Seeding Agency' }).waitFor();
    await nina.getByLabel('Your name').fill('Nina Newhire');
    await nina.getByLabel('Password').fill('nina chose this herself');
    await nina.getByRole('button', { name: 'Join Seeding Agency' }).click();
    await nina.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    await nina.getByRole('link', { name: 'Settings' }).click();
    await nina.getByRole('cell', { name: 'nina@agency.test', exact: true }).waitFor();

    // The link worked once; the admin sees Nina as a member and no pending invitation.
    await nina.goto(link);
    await nina.getByText('This invitation has already been used.').waitFor();
    await page.reload();
    await page.getByRole('cell', { name: 'nina@agency.test', exact: true }).waitFor();
    await page.getByText('No pending invitations').waitFor();
  });

  it('a bad link says so, and a signed-in person can change their password and sign out everywhere', async () => {
    const stranger = await browser.newPage({ baseURL: server.url });
    await stranger.goto(`/invite/mmi_${'x'.repeat(43)}`);
    await stranger.getByText('This invitation link is not valid.').waitFor();

    const page = admin.pages()[0];
    await page.goto('/settings');
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('an even better password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Current password').fill('a very good password');
    await page.getByLabel('New password').fill('an even better password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Other browsers are signed out.').waitFor();

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in to Murmur' }).waitFor();
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('an even better password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
  });
});
