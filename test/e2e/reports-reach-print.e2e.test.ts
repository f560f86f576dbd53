/**
 * A measurement team in the browser: two influencers whose resharers share followers, in a niche
 * whose follower lists Murmur crawled. The Reports page counts every account once (the numbers
 * of fakes/overlap-campaign.ts), and printing it ("Save as PDF") leaves the report alone: no app
 * navigation, top bar or buttons, the tables and the chart still there.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBluesky, startFakeBluesky } from '../fakes/bluesky-server.ts';
import { overlapExpected, overlapGraph, overlapSeeds } from '../fakes/overlap-campaign.ts';
import { launchBrowser, pageApi, skipBrowserReason, startTestServer } from '../support/browser.ts';

const graph = overlapGraph();
const idx = (key: string) => graph.byName.get(`user${key}`)!;

describe.skipIf(!!skipBrowserReason)('a campaign report in the browser, on screen and printed', () => {
  let bsky: FakeBluesky;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    bsky = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    server = await startTestServer({ BLUESKY_APPVIEW_URL: bsky.url });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bsky?.close();
  });

  const api = (path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
    // biome-ignore lint/suspicious/noExplicitAny: the test reads its own fixtures' results loosely
    pageApi(page)<any>(path, input, kind);

  it('shows each account once in the totals and the influencer table, and prints only the report', async () => {
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Mia Measurer');
    await page.getByLabel('Email').fill('mia@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    // The server's own workers crawl the niche holding the follower lists.
    const niche = await api('niches.create', {
      name: 'Oat drinkers',
      platform: 'bluesky',
      seeds: overlapSeeds.map((s) => bsky.handle(idx(s))),
      budget: { maxRequests: 200, maxAccounts: 1000, maxMinutes: 10 },
      start: true,
    });
    await expect
      .poll(async () => (await api('niches.byId', { id: niche.id }, 'query')).status, { timeout: 60_000 })
      .not.toBe('crawling');

    const campaign = await api('campaigns.create', { name: 'Oat Launch', currency: 'EUR', goalReach: 20 });
    const postedAt = Date.now() - 10 * 60_000;
    const posts: string[] = [];
    for (const [key, resharer] of [
      ['ann', 'bob'],
      ['cy', 'dee'],
    ] as const) {
      const contact = await api('contacts.create', {
        name: key === 'ann' ? 'Ann Oat' : 'Cy Oat',
        socialAccounts: [{ platform: 'bluesky', handle: bsky.handle(idx(key)) }],
      });
      const { added } = await api('deals.create', { campaignId: campaign.id, contactIds: [contact.id] });
      graph.accounts[idx(key)]!.posts[0]!.createdAt = new Date(postedAt).toISOString();
      bsky.spread
        .on(idx(key), 0)
        .reposts.push({ by: idx(resharer), at: new Date(postedAt + 60_000).toISOString() });
      const url = `https://bsky.app/profile/${bsky.handle(idx(key))}/post/3kfake${idx(key).toString(36)}p0`;
      posts.push((await api('tracking.track', { dealId: added[0].dealId, url })).id);
    }
    // A second poll of each, so the chart has a line.
    for (const id of posts) await api('tracking.pollNow', { id });

    // Made through the API behind the page's back, so load the page afresh.
    await page.goto(`${server.url}/reports`);
    await page.getByLabel('Campaign').selectOption({ label: 'Oat Launch' });
    await page.getByRole('heading', { name: 'Oat Launch' }).waitFor();
    const total = (label: string) =>
      page
        .locator('.report > .metrics .metric')
        .filter({ has: page.locator('.metric-label', { hasText: new RegExp(`^${label}`) }) })
        .locator('.metric-value')
        .textContent();
    // 4 + 3 earned by the posts, 5 once s1 and s2 count once; 3 + 3 direct, 5 with a1 once.
    expect(await total('Earned reach')).toBe(String(overlapExpected.campaign.earnedReach));
    expect(await total('Direct reach')).toBe(String(overlapExpected.campaign.directReach));
    const row = (name: string) =>
      page.getByRole('table', { name: 'Influencers' }).getByRole('row', { name: new RegExp(name) });
    expect(await row('Ann Oat').locator('td').nth(3).textContent()).toBe(
      String(overlapExpected.annPost.earnedReach),
    );
    expect(await row('Cy Oat').locator('td').nth(3).textContent()).toBe(
      String(overlapExpected.cyPost.earnedReach),
    );
    await page.locator('.report-chart canvas').first().waitFor();

    // Printed: the report alone.
    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['header.topbar', 'nav.sidebar', '.report-picker'])
      expect(await page.locator(chrome).isVisible(), chrome).toBe(false);
    // (The cascade's nodes are focusable role=button figures and stay; real buttons go.)
    for (const button of await page.locator('button').all())
      expect(await button.isVisible(), (await button.textContent()) ?? undefined).toBe(false);
    await page.getByRole('table', { name: 'Influencers' }).waitFor({ state: 'visible' });
    // Every post's figures are on paper, not only the one picked for its cascade.
    const postRows = page.getByRole('table', { name: 'Posts' }).locator('tbody tr');
    expect(await postRows.count()).toBe(2);
    expect(await postRows.first().isVisible()).toBe(true);
    await page.locator('.report-chart canvas').first().waitFor({ state: 'visible' });
    await page.locator('.cascade').first().waitFor({ state: 'visible' });
    // The report takes the page's width, not the column the hidden sidebar left.
    const content = await page.locator('main.content').boundingBox();
    expect(content!.x).toBeLessThan(20);
    // On an A4 page's printable width (about 718 CSS px) nothing runs off the side.
    await page.setViewportSize({ width: 718, height: 1000 });
    // (The chart redraws for the new width on the resize event; wait for the layout to settle.)
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(718);
    if (process.env.MURMUR_PRINT_PREVIEW) {
      // To look at by eye: the print layout, and the PDF itself.
      await page.screenshot({ path: `${process.env.MURMUR_PRINT_PREVIEW}.png`, fullPage: true });
      await page.pdf({ path: `${process.env.MURMUR_PRINT_PREVIEW}.pdf`, format: 'A4' });
    }
    await page.emulateMedia({ media: 'screen' });
  });
});
