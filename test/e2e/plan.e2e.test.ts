/**
 * Issue 13 in the browser: a marketer opens a niche, plans its seeding for a budget, watches
 * the plan compute, compares it with the simple rankings, and turns it into deals that appear
 * on the campaign board.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../../server/db/schema/index.ts';
import { seedScoredNiche } from '../../server/leaderboard/leaderboard.seed.ts';
import { launchBrowser, skipBrowserReason, startTestServer } from '../support/browser.ts';

describe.skipIf(!!skipBrowserReason)('planning the seeding of a niche in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plans a budget, compares it, and makes deals that land on the campaign board', {
    timeout: 240_000,
  }, async () => {
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Pia Planner');
    await page.getByLabel('Email').fill('pia@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    // A small scored niche straight through the schema, as a crawl and scoring would leave it.
    const [agency] = await server.database.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.name, 'Seeding Agency'));
    const { nicheId } = await seedScoredNiche(server.database.db, {
      workspaceId: agency.id,
      communitySize: 12,
      platform: 'mastodon',
      name: 'Oat milk',
    });

    // A campaign with a small budget, so the planned fees go over it.
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill('Oat Launch');
    await page.getByLabel('Budget').fill('100');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Oat Launch' }).waitFor();

    await page.goto(`${server.url}/discover/${nicheId}`);
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByText('No plans yet').waitFor();
    const form = page.getByRole('form', { name: 'Plan the seeding' });
    const budget = form.getByRole('textbox', { name: 'Budget', exact: true });
    await budget.fill('-5');
    await form.getByRole('button', { name: 'Compute plan' }).click();
    await form.getByRole('alert').getByText('The budget must be an amount above zero.').waitFor();
    await budget.fill('1');
    await form.getByRole('button', { name: 'Compute plan' }).click();
    await form
      .getByRole('alert')
      .getByText(/below every eligible account's fee/)
      .waitFor();
    expect(await form.getByRole('option', { name: /Learned from campaigns/ }).isDisabled()).toBe(true);

    await budget.fill('400');
    await form.getByRole('button', { name: 'Compute plan' }).click();
    const compare = page.getByRole('table', { name: 'Expected spread by strategy' });
    // The progress bar shows while the plan runs; a small plan can finish before it is seen.
    await page.getByRole('progressbar', { name: 'Planning progress' }).or(compare).first().waitFor();
    await compare.waitFor({ timeout: 120_000 });
    for (const strategy of ['This plan', 'Top by followers', 'Top by Murmur score'])
      await expect
        .poll(() => compare.getByRole('row', { name: new RegExp(strategy) }).textContent())
        .toMatch(/\d+\.\d \(95% CI \d+\.\d–\d+\.\d\)/);
    await page.locator('.plan-guarantee').waitFor();
    const picks = page.getByRole('table', { name: 'Chosen accounts' }).locator('tbody tr');
    const count = await picks.count();
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => picks.first().textContent()).toMatch(/^1.*€\d+\.\d\d\+\d+\.\d/);
    await page.locator('.spread-chart canvas').first().waitFor();
    const firstPick = (await picks.first().locator('td').nth(1).textContent())!;

    // Over the campaign's budget: confirm, as on the board; a second click adds nothing.
    await page
      .getByLabel('Campaign', { exact: true })
      .selectOption({ label: 'Oat Launch (EUR, budget €100.00)' });
    await page.getByRole('button', { name: 'Make deals' }).click();
    await page.getByRole('dialog', { name: 'Over the campaign budget' }).waitFor();
    await page.getByRole('button', { name: 'Make the deals anyway' }).click();
    await page.getByText(`Added ${count} deals`).waitFor();
    await page.getByRole('button', { name: 'Make deals' }).click();
    await page.getByText(/Added 0 deals .* Skipped \d+: already in the campaign/).waitFor();

    await page.getByRole('link', { name: 'Open the board' }).click();
    const shortlisted = page.getByRole('region', { name: 'Shortlisted column' });
    await shortlisted.getByRole('listitem').first().waitFor();
    expect(await shortlisted.getByRole('listitem').count()).toBe(count);
    const name = firstPick
      .replace(/ @.*$/, '')
      .replace(/signed$/, '')
      .trim();
    await shortlisted.getByRole('listitem', { name }).waitFor();

    // Signed the second pick: re-plan around it.
    await page.goto(`${server.url}/discover/${nicheId}?tab=plan`);
    const second = page.getByRole('table', { name: 'Chosen accounts' }).locator('tbody tr').nth(1);
    await second.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Re-plan keeping the checked accounts' }).click();
    await form.getByRole('button', { name: /^Stop keeping / }).waitFor();
    await form.getByRole('button', { name: 'Compute plan' }).click();
    await page
      .getByRole('table', { name: 'Chosen accounts' })
      .getByText('signed', { exact: true })
      .waitFor({ timeout: 120_000 });
  });
});
