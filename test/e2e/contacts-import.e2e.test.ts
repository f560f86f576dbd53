import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserReason, startTestServer } from '../support/browser.ts';

const csv = [
  'Name;E-mail;Instagram;TikTok;Tags',
  'Ivy Insta;ivy@example.com;https://www.instagram.com/ivy.cooks/;@ivycooks;food, travel',
  'Tom Tok;tom@example.com;tom.gram;https://www.tiktok.com/@tom.tok;dance',
].join('\n');

describe.skipIf(!!skipBrowserReason)('importing contacts in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The text of the option a mapping dropdown shows. */
  const shown = (label: string) =>
    page
      .getByRole('combobox', { name: new RegExp(`^${label}`) })
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);

  it('shows each column where it will go, and imports what the preview showed', {
    timeout: 90_000,
  }, async () => {
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Olga Owner');
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    await page.goto(`${server.url}/contacts/import`);
    await page.getByLabel('Or paste CSV').fill(csv);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('2 new · 0 duplicates').waitFor();
    expect(await shown('Name column')).toBe('Name');
    expect(await shown('Emails column')).toBe('E-mail');
    expect(await shown('Tags column')).toBe('Tags');
    expect(await shown('Instagram handle column')).toBe('Instagram');
    expect(await shown('TikTok handle column')).toBe('TikTok');
    expect(await shown('Bluesky handle column')).toBe('(not imported)');
    const preview = page.getByRole('table');
    await preview.getByText('Instagram: @ivy.cooks, TikTok: @ivycooks').waitFor();
    await preview.getByText('Instagram: @tom.gram, TikTok: @tom.tok').waitFor();

    await page.getByRole('button', { name: 'Import 2 contacts' }).click();
    await page.getByText('Imported 2 contacts.').waitFor();
    await page.getByRole('link', { name: 'See contacts' }).click();
    await page.getByRole('link', { name: 'Ivy Insta' }).click();
    await page.getByText('instagram: @ivy.cooks').waitFor();
    await page.getByText('tiktok: @ivycooks').waitFor();
  });
});
