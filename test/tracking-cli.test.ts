/**
 * `murmur track URL --deal ID` and `murmur report --campaign NAME --format csv|json`, run as a
 * user runs them, on an embedded data folder, against the loopback Bluesky; and a campaign whose
 * posts reach some of the same accounts, crawled with `murmur crawl`, reported with each once.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../server/cli/main.ts';
import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { overlapExpected, overlapGraph, overlapSeeds } from './fakes/overlap-campaign.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { callerFor } from './support/caller.ts';
import { migratedDataDir } from './support/templates.ts';

const graph = buildFakeGraph({
  edges: [...Array.from({ length: 5 }, (_, i) => [`fan${i}`, 'star'] as [string, string]), ['fan0', 'fan1']],
});

/** The `murmur` command in this process (the process boundary is test/cli.test.ts's subject). */
async function murmurIn(env: Record<string, string>, args: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'warn', ...env });
  delete process.env.DATABASE_URL;
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.env = saved;
  }
}

/** A workspace with a campaign and a deal per contact, set up through the API, then handed to the CLI. */
async function campaignWithDeals(
  dataDir: string,
  name: string,
  contacts: Array<{ name: string; handle: string }>,
) {
  const database = await openConfiguredDatabase(loadConfig({ DATA_DIR: dataDir }));
  try {
    const app = createTestApp(database);
    const mia = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' }),
    );
    const campaign = await mia.campaigns.create({ name, currency: 'EUR' });
    const dealIds: string[] = [];
    for (const c of contacts) {
      const contact = await mia.contacts.create({
        name: c.name,
        socialAccounts: [{ platform: 'bluesky', handle: c.handle }],
      });
      const { added } = await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
      dealIds.push(added[0]!.dealId);
    }
    return dealIds;
  } finally {
    await database.close();
  }
}

describe('murmur track and murmur report', () => {
  const dataDir = migratedDataDir('murmur-track-cli-');
  let server: FakeBluesky;
  let dealId = '';
  const star = graph.byName.get('userstar')!;
  const murmur = (args: string[]) => murmurIn({ DATA_DIR: dataDir, BLUESKY_APPVIEW_URL: server.url }, args);

  beforeAll(async () => {
    server = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    server.spread
      .on(star, 0)
      .reposts.push({ by: graph.byName.get('userfan0')!, at: graph.accounts[star]!.posts[0]!.createdAt });
    [dealId] = await campaignWithDeals(dataDir, 'Star Launch', [
      { name: 'Star', handle: server.handle(star) },
    ]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tracks a pasted post and reports the campaign as CSV and JSON', async () => {
    const url = `https://bsky.app/profile/${server.handle(star)}/post/3kfake${star.toString(36)}p0`;
    const tracked = await murmur(['track', url, '--deal', dealId]);
    expect(tracked.stderr).not.toMatch(/Warning/);
    expect(tracked.stdout).toMatch(new RegExp(`Tracking .* by ${server.handle(star)}`));
    expect(tracked.code).toBe(0);

    const csv = await murmur(['report', '--campaign', 'star launch', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const [header, line] = csv.stdout.trim().split('\r\n');
    expect(header).toMatch(/^influencer,platform,url/);
    expect(line).toMatch(/^Star,bluesky,https:\/\/bsky\.app/);

    const json = JSON.parse(
      (await murmur(['report', '--campaign', 'Star Launch', '--format', 'json'])).stdout,
    );
    expect(json.totals).toMatchObject({ posts: 1, directReach: 5 });
    expect(json.posts[0].cascade.size).toBe(2);

    const missing = await murmur(['report', '--campaign', 'Nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/No campaign named "Nope"/);
    const usage = await murmur(['track', url]);
    expect(usage.stderr).toMatch(/Usage: murmur track URL --deal/);
    expect(usage.code).toBe(2);
  });
});

describe('murmur report counts each account once', () => {
  const dataDir = migratedDataDir('murmur-reach-cli-');
  const overlap = overlapGraph();
  const idx = (key: string) => overlap.byName.get(`user${key}`)!;
  let server: FakeBluesky;
  const murmur = (args: string[]) => murmurIn({ DATA_DIR: dataDir, BLUESKY_APPVIEW_URL: server.url }, args);
  beforeAll(async () => {
    server = await startFakeBluesky({ graph: overlap, rateLimit: { limit: 100_000, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('crawls the follower lists, tracks two posts and prints reach with shared accounts counted once', async () => {
    const [annDeal, cyDeal] = await campaignWithDeals(dataDir, 'Oat Launch', [
      { name: 'Ann', handle: server.handle(idx('ann')) },
      { name: 'Cy', handle: server.handle(idx('cy')) },
    ]);
    const seeds = overlapSeeds.flatMap((s) => ['--seed', server.handle(idx(s))]);
    const crawl = await murmur([
      'crawl',
      'bluesky',
      '--niche',
      'Oat drinkers',
      ...seeds,
      '--max-requests',
      '200',
    ]);
    expect(crawl.code).toBe(0);
    for (const [key, resharer, deal] of [
      ['ann', 'bob', annDeal],
      ['cy', 'dee', cyDeal],
    ] as const) {
      const at = overlap.accounts[idx(key)]!.posts[0]!.createdAt;
      server.spread.on(idx(key), 0).reposts.push({ by: idx(resharer), at });
      const url = `https://bsky.app/profile/${server.handle(idx(key))}/post/3kfake${idx(key).toString(36)}p0`;
      expect((await murmur(['track', url, '--deal', deal!])).code).toBe(0);
    }
    const text = await murmur(['report', '--campaign', 'Oat Launch']);
    const { campaign, annPost, cyPost } = overlapExpected;
    expect(text.stdout).toContain(
      `each account counted once: direct reach ${campaign.directReach}, earned reach ${campaign.earnedReach} (exact)`,
    );
    expect(text.stdout).toMatch(
      new RegExp(`Ann\\t1 posts\\treach ${annPost.directReach}\\tearned ${annPost.earnedReach} \\(exact\\)`),
    );
    expect(text.stdout).toMatch(
      new RegExp(`Cy\\t1 posts\\treach ${cyPost.directReach}\\tearned ${cyPost.earnedReach} \\(exact\\)`),
    );
  });
});
