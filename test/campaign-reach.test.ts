/**
 * A measurement team runs a campaign with two influencers whose resharers share followers. The
 * crawled niche knows every follower list, so the report counts each account once: an account
 * reached through both posts is earned once, and one following both influencers is direct
 * audience once. Numbers worked out by hand in fakes/overlap-campaign.ts.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { crawlRuntime } from '../server/crawl/crawl.job.ts';
import { runCrawlToEnd } from '../server/crawl/run-to-end.ts';
import type { Database } from '../server/db/client.ts';
import { allJobs } from '../server/jobs/all.ts';
import { type Queue, startQueue } from '../server/jobs/queue.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { overlapExpected, overlapGraph, overlapSeeds } from './fakes/overlap-campaign.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

describe.each(testDatabaseKinds)('campaign reach counts each account once on %s', (kind) => {
  const graph = overlapGraph();
  const idx = (key: string) => graph.byName.get(`user${key}`)!;
  let database: Database;
  let queue: Queue;
  let bsky: FakeBluesky;
  let mia: Api;
  let config: ReturnType<typeof loadConfig>;
  const postedAt = Date.parse('2026-03-02T10:00:00Z');
  const now = () => new Date(postedAt + 30 * 60_000);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    // The real queue, no workers: the test drives the crawl itself.
    queue = await startQueue(database, pino({ level: 'silent' }), allJobs);
    bsky = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    config = loadConfig({
      DATA_DIR: tempDir('murmur-reach-'),
      SESSION_SECRET: 'x'.repeat(40),
      BLUESKY_APPVIEW_URL: bsky.url,
    });
    const app = createTestApp(database, { queue });
    const session = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    mia = callerFor(database, session, { now, queue, config });
  });
  afterAll(async () => {
    await queue?.stop();
    await bsky?.close();
    await database?.close();
  });

  let campaignId = '';
  let annPostId = '';

  it('earns an account reached through two posts once, and counts a shared follower once', async () => {
    // The niche knows the influencers' and resharers' complete follower lists.
    const niche = await mia.niches.create({
      name: 'Oat drinkers',
      platform: 'bluesky',
      seeds: overlapSeeds.map((s) => bsky.handle(idx(s))),
      budget: { maxRequests: 200, maxAccounts: 1000, maxMinutes: 10 },
    });
    const { runId } = await mia.crawls.start({ nicheId: niche.id });
    const crawled = await runCrawlToEnd(database.db, crawlRuntime(config), runId!, { sleep: async () => {} });
    expect(crawled.run.status).toBe('done');

    const campaign = await mia.campaigns.create({ name: 'Oat Launch', currency: 'EUR' });
    campaignId = campaign.id;
    const postOf = async (key: string, resharer: string) => {
      const contact = await mia.contacts.create({
        name: key.toUpperCase(),
        socialAccounts: [{ platform: 'bluesky', handle: bsky.handle(idx(key)) }],
      });
      const { added } = await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
      const post = graph.accounts[idx(key)]!.posts[0]!;
      post.createdAt = new Date(postedAt).toISOString();
      bsky.spread
        .on(idx(key), 0)
        .reposts.push({ by: idx(resharer), at: new Date(postedAt + 10 * 60_000).toISOString() });
      return {
        dealId: added[0]!.dealId,
        url: `https://bsky.app/profile/${bsky.handle(idx(key))}/post/3kfake${idx(key).toString(36)}p0`,
      };
    };
    const ann = await postOf('ann', 'bob');
    annPostId = (await mia.tracking.track({ dealId: ann.dealId, url: ann.url })).id;
    const cy = await postOf('cy', 'dee');
    await mia.tracking.track({ dealId: cy.dealId, url: cy.url });

    const report = await mia.reports.campaign({ campaignId: campaign.id });
    const post = (key: string) => report.posts.find((p) => p.authorHandle === bsky.handle(idx(key)))!;
    expect(post('ann')).toMatchObject({
      directReach: overlapExpected.annPost.directReach,
      earnedReach: { value: overlapExpected.annPost.earnedReach, kind: 'exact' },
    });
    expect(post('cy')).toMatchObject({
      directReach: overlapExpected.cyPost.directReach,
      earnedReach: { value: overlapExpected.cyPost.earnedReach, kind: 'exact' },
    });
    // 4 + 3 added up would count s1 and s2 twice; 3 + 3 would count a1 twice.
    expect(report.totals).toMatchObject({
      directReach: overlapExpected.campaign.directReach,
      directReachKind: 'union',
      earnedReach: { value: overlapExpected.campaign.earnedReach, kind: 'exact', low: 5, high: 5 },
      reach: overlapExpected.campaign.reach,
    });
    expect(report.goals.reach.measured).toBe(overlapExpected.campaign.reach);
    // The chart over time ends where the campaign's reach is, not at the posts' reach added up.
    expect(report.series.at(-1)?.reach).toBe(overlapExpected.campaign.reach);
    expect(report.formulas.earnedReach).toMatch(/counts once/);

    const { csv } = await mia.reports.csv({ campaignId: campaign.id });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/,earned_reach_low,earned_reach_high,direct_reach_kind,level$/);
    expect(lines.at(-1)).toMatch(/^Oat Launch,,,,,,5,5,exact,0,.*,5,5,union,campaign$/);
  });

  it("brackets the estimate honestly once a resharer's follower list is unknown", async () => {
    bsky.spread
      .on(idx('ann'), 0)
      .reposts.push({ by: idx('eve'), at: new Date(postedAt + 20 * 60_000).toISOString() });
    await mia.tracking.pollNow({ id: annPostId });
    const report = await mia.reports.campaign({ campaignId });
    expect(report.totals.earnedReach).toEqual(overlapExpected.withEve);
    // Only what is known is exact: the direct audience did not change.
    expect(report.totals).toMatchObject({
      directReach: overlapExpected.campaign.directReach,
      directReachKind: 'union',
    });
  });
});
