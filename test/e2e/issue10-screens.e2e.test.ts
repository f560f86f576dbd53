/**
 * Issue 10's wrong or stuck screens, as a user meets them in Chromium at 1,440 px: the Changes
 * tab after "Score now", leaderboard filters typed quickly and shared by URL, the shortlist
 * checkbox, community names, contacts found in Discover, Markdown notes, the shortlist select,
 * the deal page's over-budget dialog, the campaign timeline and the audit log.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageApi, skipBrowserReason, startTestServer } from '../support/browser.ts';

/** Two tight groups of follows and one bridge: small enough to score in a moment, with communities. */
function smallGraph() {
  const groups = [
    ['ana', 'ben', 'cy', 'dee', 'eli'],
    ['fay', 'gus', 'hal', 'ivy', 'jo'],
  ];
  const lines = ['source,target'];
  for (const g of groups) for (const a of g) for (const b of g) if (a !== b) lines.push(`${a},${b}`);
  lines.push('eli,fay');
  const accounts = [
    'id,profile',
    'ana,https://www.twitch.tv/ana_live',
    ...groups
      .flat()
      .slice(1)
      .map((id) => `${id},`),
  ];
  return { edges: `${lines.join('\n')}\n`, accounts: `${accounts.join('\n')}\n` };
}

describe.skipIf(!!skipBrowserReason)('issue 10 screens in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let nicheUrl = '';

  const api = <T>(path: string, input: unknown, method: 'query' | 'mutation' = 'mutation') =>
    pageApi(page)<T>(path, input, method);

  const leaderboard = () => page.getByRole('table', { name: 'Leaderboard' });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Murmur' }).waitFor();
    await page.getByLabel('Your name').fill('Olga Owner');
    await page.getByLabel('Email').fill('olga@agency.test');
    await page.getByLabel('Password').fill('a very good password');
    await page.getByLabel('Workspace name').fill('Seeding Agency');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();

    const graph = smallGraph();
    await page.goto(`${server.url}/discover`);
    await page.getByRole('button', { name: 'New niche' }).click();
    await page.getByLabel('Name').fill('Streamers');
    await page.getByLabel('Platform').selectOption('file');
    const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByLabel('Edges file').setInputFiles(file('edges.csv', graph.edges));
    await page.getByLabel('Accounts file (optional)').setInputFiles(file('accounts.csv', graph.accounts));
    await page.getByRole('button', { name: 'Create and import' }).click();
    await page.getByRole('heading', { name: 'Streamers' }).waitFor();
    await leaderboard().locator('tbody tr[tabindex]').first().waitFor({ timeout: 120_000 });
    nicheUrl = page.url().split('?')[0];
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('compares scorings on the Changes tab after Score now is pressed there', async () => {
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByText('Score the niche again later').waitFor();
    await page.getByRole('button', { name: 'Score now' }).click();
    await page.getByRole('heading', { name: 'Newcomers' }).waitFor({ timeout: 120_000 });
    const from = page.getByLabel('From');
    expect(await from.evaluate((s: HTMLSelectElement) => s.selectedIndex)).toBe(1);
    expect(await page.getByLabel('To').evaluate((s: HTMLSelectElement) => s.selectedIndex)).toBe(0);
    expect(await page.getByText('Comparing…').count()).toBe(0);
  }, 150_000);

  it('keeps every filter typed in quick succession, in a link that restores them', async () => {
    await page.goto(nicheUrl);
    const firstRow = leaderboard().locator('tbody tr[tabindex]').first();
    await firstRow.waitFor();
    // The shortlist checkbox is the first cell, in view without scrolling sideways.
    const box = await firstRow.locator('td').first().getByRole('checkbox').boundingBox();
    expect(box && box.x + box.width).toBeLessThan(1440);

    await page.getByText('Ranges', { exact: true }).click();
    // Both boxes within one debounce window: neither edit may be lost.
    await page.getByLabel('Min score').fill('0');
    await page.getByLabel('Search accounts').fill('a');
    await expect.poll(() => new URL(page.url()).searchParams.get('scoreMin')).toBe('0');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('a');

    await page.reload();
    await leaderboard().locator('tbody tr[tabindex]').first().waitFor();
    expect(await page.getByLabel('Search accounts').inputValue()).toBe('a');
    expect(await page.getByLabel('Min score').inputValue()).toBe('0');
    const handles = await leaderboard().locator('.handle').allTextContents();
    expect(handles.length).toBeGreaterThan(0);
    expect(handles.every((h) => h.includes('a'))).toBe(true);
    await page.goto(nicheUrl);
  }, 120_000);

  it('keeps the sort and the filters in the address: reload, Back and Forward restore both', async () => {
    await page.goto(nicheUrl);
    const rows = leaderboard().locator('tbody tr[tabindex]');
    await rows.first().waitFor();
    const header = (name: string) => leaderboard().getByRole('columnheader', { name, exact: true });
    const ariaSort = (name: string) => header(name).getAttribute('aria-sort');
    const param = (name: string) => new URL(page.url()).searchParams.get(name);
    const search = page.getByLabel('Search accounts');
    const minScore = page.getByLabel('Min score');
    const handles = () => leaderboard().locator('.handle').allTextContents();
    const all = (await handles()).length;
    expect(await ariaSort('Rank')).toBe('ascending');

    // One history entry per step: the sort, then the search, then a range.
    await header('PageRank').getByRole('button').click();
    await expect.poll(() => param('sort')).toBe('pagerank');
    expect(param('dir')).toBe('desc');
    expect(await ariaSort('PageRank')).toBe('descending');
    await search.fill('a');
    await expect.poll(() => param('q')).toBe('a');
    await page.getByText('Ranges', { exact: true }).click();
    await minScore.fill('0');
    await expect.poll(() => param('scoreMin')).toBe('0');
    expect([param('sort'), param('dir'), param('q')]).toEqual(['pagerank', 'desc', 'a']);

    await page.reload();
    await rows.first().waitFor();
    expect(await ariaSort('PageRank')).toBe('descending');
    expect(await ariaSort('Rank')).toBe('none');
    expect(await search.inputValue()).toBe('a');
    expect(await minScore.inputValue()).toBe('0');
    expect((await handles()).every((h) => h.includes('a'))).toBe(true);

    // Back: the range goes, the search and the sort stay.
    await page.goBack();
    await expect.poll(() => minScore.inputValue()).toBe('');
    expect(param('scoreMin')).toBeNull();
    expect(await search.inputValue()).toBe('a');
    expect(await ariaSort('PageRank')).toBe('descending');
    // Back: the search goes, every account is listed again.
    await page.goBack();
    await expect.poll(() => search.inputValue()).toBe('');
    await expect.poll(async () => (await handles()).length).toBe(all);
    expect(await ariaSort('PageRank')).toBe('descending');
    // Back: the default order, and a clean address.
    await page.goBack();
    await expect.poll(() => ariaSort('Rank')).toBe('ascending');
    expect(await ariaSort('PageRank')).toBe('none');
    expect(page.url()).toBe(nicheUrl);

    await page.goForward();
    await expect.poll(() => ariaSort('PageRank')).toBe('descending');
    expect(await search.inputValue()).toBe('');
    await page.goForward();
    await expect.poll(() => search.inputValue()).toBe('a');
    await expect.poll(async () => (await handles()).every((h) => h.includes('a'))).toBe(true);
    expect(await ariaSort('PageRank')).toBe('descending');
    expect(await minScore.inputValue()).toBe('');

    // Nonsense in a link falls back to the defaults instead of breaking the page.
    await page.goto(`${nicheUrl}?sort=bogus&dir=sideways&scoreMin=abc&community=-2`);
    await rows.first().waitFor();
    expect(await ariaSort('Rank')).toBe('ascending');
    expect(await minScore.inputValue()).toBe('');
    await page.goto(`${nicheUrl}?sort=handle&dir=up`);
    await expect.poll(() => ariaSort('Account')).toBe('ascending');
    await page.goto(nicheUrl);
  }, 120_000);

  it('names communities by their top accounts and lets the team rename one', async () => {
    await page.goto(`${nicheUrl}?tab=communities`);
    const title = page.locator('.community-title').first();
    await expect.poll(() => title.textContent()).toMatch(/@\w+, @\w+ & co/);
    await title.getByRole('button', { name: /^Rename/ }).click();
    await page.getByLabel('Community name').fill('Night owls');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.community-title', { hasText: 'Night owls' }).waitFor();
    await page.getByRole('tab', { name: 'Leaderboard' }).click();
    await page
      .getByLabel('Community', { exact: true })
      .locator('option', { hasText: 'Night owls' })
      .waitFor({ state: 'attached' });
  }, 60_000);

  it('adds a shortlisted streamer as a contact with platform, profile link, niche and score', async () => {
    await page.goto(`${nicheUrl}?q=ana`);
    await page.getByRole('checkbox', { name: 'Shortlist ana' }).check();
    await page.getByRole('button', { name: 'Add shortlisted to contacts' }).click();
    await page.getByText('Added 1 new contact.').waitFor();
    await page.getByRole('link', { name: 'Open Contacts' }).click();
    await page.getByRole('link', { name: 'ana_live' }).click();
    await page.getByRole('link', { name: '@ana_live' }).first().waitFor();
    expect(await page.getByRole('link', { name: '@ana_live' }).first().getAttribute('href')).toMatch(
      /^https:\/\/(www\.)?twitch\.tv\/ana_live$/,
    );
    const origin = page.getByRole('list', { name: 'Found in Discover' });
    await origin.getByText(/\(twitch\): score \d+\.\d, rank #\d+/).waitFor();
    expect(await origin.getByRole('link', { name: '“Streamers”' }).getAttribute('href')).toMatch(
      /^\/discover\/[\w-]+\?account=\d+$/,
    );
  }, 60_000);

  it('renders contact notes as Markdown without raw HTML or script links', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page
      .getByLabel('Notes')
      .fill(
        'Loves **night streams**.\n\n- [channel](https://twitch.tv/ana_live)\n- [trap](javascript:alert(1))\n\n<img src=x onerror="window.pwned=1">',
      );
    await page.getByRole('button', { name: /^Save/ }).click();
    const notes = page.locator('dd.notes');
    await notes.locator('strong', { hasText: 'night streams' }).waitFor();
    expect(await notes.getByRole('link', { name: 'channel' }).getAttribute('href')).toBe(
      'https://twitch.tv/ana_live',
    );
    expect(await notes.locator('img').count()).toBe(0);
    expect(await notes.locator('a[href^="javascript"]').count()).toBe(0);
    await notes.getByText('<img src=x onerror="window.pwned=1">').waitFor();
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  }, 60_000);

  it('adds the shortlist to a campaign, confirms over budget in the dialog, and names people in the timeline and audit', async () => {
    const campaign = await api<{ id: string }>('campaigns.create', { name: 'Harvest', budgetMinor: 10_000 });
    await page.goto(`${server.url}/campaigns/${campaign.id}`);
    const select = page.getByLabel('Shortlist of niche');
    await select.waitFor();
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toMatch(
      /^Streamers/,
    );
    await page.getByRole('button', { name: 'Add shortlist' }).click();
    await page.getByText('Added 1 from the shortlist.').waitFor();

    const board = await api<{ cards: { id: string; version: number }[] }>(
      'deals.board',
      { campaignId: campaign.id },
      'query',
    );
    const deal = board.cards[0];
    await api('deals.update', { id: deal.id, version: deal.version, feeMinor: 50_000 });
    await page.goto(`${server.url}/deals/${deal.id}`);
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Agreed' });
    const dialog = page.getByRole('dialog', { name: 'Over budget' });
    await dialog
      .getByText(/budget/)
      .first()
      .waitFor();
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
    await page.getByText('moved the deal from Shortlisted to Agreed').waitFor();

    await page.goto(`${server.url}/campaigns/${campaign.id}?view=timeline`);
    const timeline = page.getByRole('list', { name: 'Campaign timeline' });
    await timeline.getByRole('link', { name: 'ana_live' }).first().waitFor();

    await api('apiKeys.create', { name: 'Zapier sync', role: 'member' });
    await page.goto(`${server.url}/settings/audit`);
    const log = page.getByRole('table');
    await log.getByRole('row', { name: /API key Zapier sync created/ }).waitFor();
    await log.getByRole('row', { name: /Deal ana_live in Harvest stage changed/ }).waitFor();
    await log.getByRole('row', { name: /Campaign Harvest created/ }).waitFor();
  }, 90_000);
});
