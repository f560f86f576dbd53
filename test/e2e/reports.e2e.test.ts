/**
 * A measurement team in the browser: tracks an influencer's Bluesky post on a deal, polls it as
 * it spreads, opens Reports, and sees the chart, the influencer table, the cascade tree and each
 * figure's formula on hover, then exports the report as CSV.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBluesky, startFakeBluesky } from '../fakes/bluesky-server.ts';
import { buildFakeGraph } from '../fakes/fake-graph.ts';
import { launchBrowser, pageApi, skipBrowserReason, startTestServer } from '../support/browser.ts';

const graph = buildFakeGraph({
  edges: [
    ...Array.from({ length: 6 }, (_, i) => [`fan${i}`, 'star'] as [string, string]),
    ['fan1', 'fan0'],
    ['fan2', 'fan1'],
  ],
});
const index = (name: string) => graph.byName.get(name)!;

describe.skipIf(!!skipBrowserReason)('measuring a campaign in the browser', () => {
  let bsky: FakeBluesky;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    bsky = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    server = await startTestServer({ BLUESKY_APPVIEW_URL: bsky.url });
    browser = await launchBrowser();
    page = await browser.newPage();
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

  it('tracks a post on a deal, then reads its reach, cascade and formulas on the Reports page', async () => {
    const star = index('userstar');
    // A post that went out ten minutes ago (the generated ones are too old to be tracked).
    const posts = graph.accounts[star]!.posts;
    const post = {
      ...posts[0]!,
      index: posts.length,
      createdAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    };
    posts.push(post);
    const p = post.index;
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Mia Measurer');
    await page.getByLabel('Email').fill('mia@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    const contact = await api('contacts.create', {
      name: 'Stella Star',
      socialAccounts: [{ platform: 'bluesky', handle: bsky.handle(star) }],
    });
    const campaign = await api('campaigns.create', { name: 'Oat Launch', currency: 'EUR', goalReach: 100 });
    await api('deals.create', { campaignId: campaign.id, contactIds: [contact.id] });
    const [deal] = await api('deals.list', { campaignId: campaign.id }, 'query');
    await api('deals.update', { id: deal.id, version: 1, feeMinor: 20_000 });

    // Paste the live post on the deal.
    await page.goto(`${server.url}/deals/${deal.id}`);
    bsky.spread.on(star, p).likes.push({ by: index('userfan3'), at: post.createdAt });
    await page
      .getByLabel('Post address (Bluesky or Mastodon)')
      .fill(`https://bsky.app/profile/${bsky.handle(star)}/post/3kfake${star.toString(36)}p${p}`);
    await page.getByRole('button', { name: 'Track post' }).click();
    await page.getByText('1 snapshots').waitFor();

    // It spreads: fan0 reposts, fan1 (who follows fan0) and fan2 (who follows fan1) after.
    const minutes = (m: number) => new Date(Date.parse(post.createdAt) + m * 60_000).toISOString();
    bsky.spread
      .on(star, p)
      .reposts.push(
        { by: index('userfan0'), at: minutes(5) },
        { by: index('userfan1'), at: minutes(9) },
        { by: index('userfan2'), at: minutes(14) },
      );
    await page.getByRole('button', { name: 'Poll now' }).click();
    await page.getByText('2 snapshots').waitFor();

    // Reports: pick the campaign.
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('Campaign').selectOption({ label: 'Oat Launch' });
    await page.getByRole('heading', { name: 'Oat Launch' }).waitFor();
    await page.locator('.report-chart canvas').first().waitFor();
    const row = page.getByRole('table', { name: 'Influencers' }).getByRole('row', { name: /Stella Star/ });
    await expect.poll(() => row.textContent()).toMatch(/Stella Star1/);
    // 1 like + 3 reposts
    expect(await row.locator('td').nth(4).textContent()).toBe('4');

    // The cascade is a chain star → fan0 → fan1 → fan2; hovering says who and when.
    const nodes = page.locator('.cascade g.node');
    await expect.poll(() => nodes.count()).toBe(4);
    await page.locator(`.cascade g.node[data-handle="${bsky.handle(index('userfan2'))}"]`).hover();
    await expect
      .poll(() => page.locator('.cascade-hover').textContent())
      .toMatch(new RegExp(`${bsky.handle(index('userfan2'))} — repost .*follows the account it came from`));

    // Formulas on hover.
    await page.locator('.metric-label', { hasText: 'Structural virality' }).first().hover();
    await page
      .getByRole('tooltip')
      .filter({ hasText: 'Goel, Anderson, Hofman & Watts 2016' })
      .first()
      .waitFor();

    // CSV export.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^influencer,platform,url,author/);
    expect(csv).toMatch(/Stella Star,bluesky,https:\/\/bsky\.app/);
  });
});
