import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserReason, startTestServer } from '../support/browser.ts';

describe.skipIf(!!skipBrowserReason)('a new user in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up Murmur, signs in, and manages a contact from creation to deletion', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Murmur' }).waitFor();
    await page.getByLabel('Your name').fill('Olga Owner');
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    await page.getByText('No contacts yet').waitFor();
    // Straight after setup every page knows who we are, without a reload.
    await page.getByRole('link', { name: 'Discover' }).click();
    await page.getByRole('button', { name: 'New niche' }).waitFor();
    await page.getByRole('link', { name: 'Contacts' }).click();

    // Sign out and back in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Murmur' }).waitFor();
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill('a very good password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    // Create a contact.
    await page.getByRole('link', { name: 'New contact' }).click();
    await page.getByLabel('Name').fill('Vera Vegan');
    await page.getByLabel('Emails').fill('vera@example.com');
    await page.getByLabel('Tags').fill('food, vegan');
    await page.getByRole('button', { name: 'Add social account' }).click();
    await page.getByLabel('Platform 1').selectOption('bluesky');
    await page.getByLabel('Handle 1').fill('@vera.bsky.social');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { name: 'Vera Vegan' }).waitFor();
    await page.getByText('bluesky: @vera.bsky.social').waitFor();

    // Find it by search.
    await page.getByRole('link', { name: '← All contacts' }).click();
    await page.getByLabel('Search contacts').fill('vegan');
    await page.getByText('1 contact').waitFor();
    await page.getByLabel('Search contacts').fill('nobody-like-this');
    await page.getByText('No contacts match').waitFor();
    await page.getByLabel('Search contacts').fill('vera@');
    await page.getByRole('link', { name: 'Vera Vegan' }).click();

    // Edit it.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Vera Plant');
    await page.getByLabel('Notes').fill('Prefers email');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Vera Plant' }).waitFor();
    await page.getByText('Prefers email').waitFor();

    // Delete it, after confirming.
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Vera Plant?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    await page.getByText('No contacts yet').waitFor();
    expect(await page.getByRole('link', { name: 'Vera Plant' }).count()).toBe(0);
  });
});
