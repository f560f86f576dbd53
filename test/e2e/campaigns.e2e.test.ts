import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserReason, startTestServer } from '../support/browser.ts';

describe.skipIf(!!skipBrowserReason)('a marketer running a campaign in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    // Generous: the whole suite shares two cores with other browser tests.
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const column = (name: string) => page.getByRole('region', { name: `${name} column` });
  const total = async (name: string, expected: string) =>
    expect.poll(() => column(name).locator('.column-total').textContent()).toBe(expected);
  const card = (column: string, contact: string) =>
    page.getByRole('region', { name: `${column} column` }).getByRole('listitem', { name: contact });

  it('creates a campaign, adds contacts, moves cards by drag and keyboard, and keeps them after a reload', async () => {
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Mia Marketer');
    await page.getByLabel('Email').fill('mia@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    // Three contacts through the API, as an import would; the UI for contacts has its own test.
    await page.evaluate(async () => {
      for (const name of ['Ada Oat', 'Ben Bean', 'Cleo Kale']) {
        const response = await fetch('/trpc/contacts.create', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-murmur-client': 'web' },
          body: JSON.stringify({ name }),
        });
        if (!response.ok) throw new Error(await response.text());
      }
    });

    // Create the campaign.
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByText('No campaigns yet').waitFor();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill('Spring Oat Launch');
    await page.getByLabel('Client or brand').fill('Oat Co');
    await page.getByLabel('Brief').fill('# Goals\n**Launch** the <script>x</script> oat drink');
    await page.getByLabel('Budget').fill('2000');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Spring Oat Launch' }).waitFor();
    await page.getByText('No deals yet').waitFor();

    // Add the three contacts from the contacts list.
    await page.getByRole('link', { name: 'Add contacts' }).click();
    await page.getByLabel('Select all contacts on this page').check();
    await page.getByRole('button', { name: 'Add to campaign' }).click();
    await page.getByText('Added 3 to Spring Oat Launch.').waitFor();
    await page.getByRole('link', { name: 'Open the board' }).click();
    await card('Shortlisted', 'Ada Oat').waitFor();
    expect(await column('Shortlisted').getByRole('listitem').count()).toBe(3);

    // Agree a fee on Ada's deal.
    await card('Shortlisted', 'Ada Oat').getByRole('link', { name: 'Ada Oat' }).click();
    await page.getByLabel('Agreed fee').fill('500');
    await page.getByRole('button', { name: 'Save deal' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('link', { name: '← Spring Oat Launch' }).click();
    await total('Shortlisted', '€500.00');

    // Drag Ada to Negotiating: the fee total follows her. The board then reloads from the server;
    // that reload is held back here until Ben's card has the keyboard focus, which it must keep.
    const held: Route[] = [];
    let holding = true;
    await page.route(/\/trpc\/[^?]*deals\.board/, (route) => (holding ? held.push(route) : route.continue()));
    await card('Shortlisted', 'Ada Oat').dragTo(column('Negotiating').getByRole('list'));
    await card('Negotiating', 'Ada Oat').waitFor();
    await total('Negotiating', '€500.00');
    await total('Shortlisted', '€0.00');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await card('Shortlisted', 'Ben Bean').focus();
    holding = false;
    const reloaded = page.waitForResponse((r) => r.url().includes('deals.board'));
    for (const route of held) await route.continue();
    await reloaded;
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Ben Bean');

    // Move Ben with the keyboard: Shift + → twice takes him to Replied.
    await page.keyboard.press('Shift+ArrowRight');
    await card('Contacted', 'Ben Bean').waitFor();
    // The board announces a move once the server has it; the next move starts from there.
    await page.getByText('Ben Bean moved to Contacted', { exact: false }).waitFor({ state: 'attached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Ben Bean');
    await page.keyboard.press('Shift+ArrowRight');
    await card('Replied', 'Ben Bean').waitFor();

    // And Cleo from the card menu.
    await card('Shortlisted', 'Cleo Kale').getByRole('button', { name: 'Actions for Cleo Kale' }).click();
    await page.getByRole('menuitem', { name: 'Move to Declined' }).click();
    await card('Declined', 'Cleo Kale').waitFor();

    // The same board after a reload.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await card('Negotiating', 'Ada Oat').waitFor();
    await card('Replied', 'Ben Bean').waitFor();
    await card('Declined', 'Cleo Kale').waitFor();
    expect(await column('Shortlisted').getByRole('listitem').count()).toBe(0);
    await total('Negotiating', '€500.00');

    // At 1,440 px the board scrolls inside itself: the page keeps the window's width and the top
    // bar's Sign out stays on screen.
    await page.setViewportSize({ width: 1440, height: 900 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      board: document.querySelector('.board')?.scrollWidth ?? 0,
    }));
    expect(widths.board).toBeGreaterThan(widths.window - 200);
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect((signOut?.x ?? Infinity) + (signOut?.width ?? 0)).toBeLessThanOrEqual(1440);

    // The brief is rendered, with the script tag as text.
    await page.getByRole('button', { name: 'Brief' }).click();
    await page.getByRole('heading', { name: 'Goals' }).waitFor();
    expect(await page.locator('.markdown script').count()).toBe(0);
    await page.getByText('<script>x</script>').waitFor();

    // The timeline tells the story.
    await page.getByRole('button', { name: 'Timeline' }).click();
    await page.getByText('moved the deal from Shortlisted to Negotiating').waitFor();

    // The deal page's Stage list shows the stage the deal is in (it showed the first stage).
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await card('Negotiating', 'Ada Oat').locator('a[href^="/deals/"]').first().click();
    await page.waitForURL('**/deals/**');
    await expect
      .poll(() => page.locator('#deal-stage').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text))
      .toBe('Negotiating');
  }, 240_000);
});
