/**
 * A measurement team tracks an influencer's Bluesky and Mastodon posts on a deal, watches them
 * spread (reposts with and without `via`, quotes, replies), sees the reconstructed cascade and its
 * metrics, survives a failing poll and a deleted post, finds posts by hashtag, and never sees
 * another workspace's posts. Against the loopback platform servers, on an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../server/adapters/http/fetcher.ts';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { measurementSettings } from '../server/db/schema/index.ts';
import { pollDuePosts } from '../server/tracking/poll-post.ts';
import { createTrackingRuntime } from '../server/tracking/tracking-runtime.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { type FakeMastodon, startFakeMastodon } from './fakes/mastodon-server.ts';
import { createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

const MINUTE = 60_000;
// hub is the influencer; a follows hub, b follows a, e follows b; d reposts through c's repost.
const edges: Array<[string, string]> = [
  ...Array.from({ length: 8 }, (_, i) => [`f${i}`, 'hub'] as [string, string]),
  ['a', 'hub'],
  ['b', 'a'],
  ['e', 'b'],
  ['c', 'f0'],
  ['d', 'f1'],
  ['hub', 'f2'],
];

describe.each(testDatabaseKinds)('tracking and reports on %s', (kind) => {
  let database: Database;
  let bsky: FakeBluesky;
  let masto: FakeMastodon;
  let mia: Api;
  let olly: Api;
  let app: ReturnType<typeof createTestApp>;
  let bearer: { bearer: string };
  let clock = 0;
  const now = () => new Date(clock);
  let campaignId: string;
  let dealId: string;
  let runtime: ReturnType<typeof createTrackingRuntime>;
  const graph = buildFakeGraph({ edges, seed: 3 });
  const idx = (key: string) => graph.byName.get(`user${key}`)!;
  const hub = idx('hub');
  const postedAt = Date.parse(graph.accounts[hub]!.posts[0]!.createdAt);
  const at = (minutes: number) => new Date(postedAt + minutes * MINUTE).toISOString();
  const poll = () => pollDuePosts(database.db, runtime);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    // Generous quotas: the limiter spreads requests evenly over a window, and this test is not about pace.
    const rateLimit = { limit: 100_000, windowMs: 60_000 };
    bsky = await startFakeBluesky({
      graph,
      rateLimit,
      login: { identifier: 'search.bsky.test', password: 'abcd-efgh-ijkl-mnop' },
    });
    masto = await startFakeMastodon({ graph, domain: 'masto.test', rateLimit });
    const config = loadConfig({
      DATA_DIR: tempDir('murmur-tracking-'),
      SESSION_SECRET: 'x'.repeat(40),
      BLUESKY_APPVIEW_URL: bsky.url,
      MASTODON_INSTANCE_URLS: `masto.test=${masto.url}`,
      MASTODON_SEARCH_INSTANCE: 'masto.test',
    });
    // Polls run as the worker runs them, on the test's clock; a failure is not retried here.
    runtime = createTrackingRuntime(config, { now, fetcher: createFetcher({ maxRetries: 0 }) });
    clock = postedAt + 5 * MINUTE;
    const miaSession = await userInWorkspace(app, database, {
      email: 'mia@agency.test',
      workspace: 'Agency',
    });
    mia = callerFor(database, miaSession, { now, config });
    olly = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'olly@other.test', workspace: 'Other' }),
      {
        now,
        config,
      },
    );
    bearer = { bearer: (await mia.apiKeys.create({ name: 'reports', role: 'member' })).secret };
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    campaignId = (
      await mia.campaigns.create({
        name: 'Spring Launch',
        currency: 'EUR',
        startsOn: day(postedAt),
        endsOn: day(postedAt + 2 * 86_400_000),
        goalReach: 50,
      })
    ).id;
    const contact = await mia.contacts.create({
      name: 'Hub Creator',
      socialAccounts: [
        { platform: 'bluesky', handle: bsky.handle(hub) },
        { platform: 'mastodon', handle: masto.acct(hub) },
      ],
    });
    await mia.deals.create({ campaignId, contactIds: [contact.id] });
    dealId = (await mia.deals.list({ campaignId }))[0]!.id;
    await mia.deals.update({ id: dealId, version: 1, feeMinor: 10_000 });
  });
  afterAll(async () => {
    await bsky?.close();
    await masto?.close();
    await database?.close();
  });

  const postUrl = () => `https://bsky.app/profile/${bsky.handle(hub)}/post/3kfake${hub.toString(36)}p0`;

  it('tracks a pasted Bluesky post and takes its first snapshot', async () => {
    const spread = bsky.spread.on(hub, 0);
    spread.likes.push({ by: idx('f3'), at: at(2) });
    const tracked = await mia.tracking.track({ dealId, url: postUrl() });
    expect(tracked).toMatchObject({ authorMismatch: false, authorHandle: bsky.handle(hub) });
    const [post] = await mia.tracking.listForDeal({ dealId });
    expect(post).toMatchObject({ status: 'tracking', platform: 'bluesky', authorFollowers: 9 });
    expect(post!.snapshots).toEqual([
      { at: now().toISOString(), likes: 1, reposts: 0, quotes: 0, replies: 0 },
    ]);
  });

  it('polls on schedule and reconstructs the cascade from via, follows and the root', async () => {
    const spread = bsky.spread.on(hub, 0);
    spread.reposts.push(
      { by: idx('a'), at: at(10) },
      { by: idx('b'), at: at(20) },
      { by: idx('c'), at: at(30) },
      { by: idx('d'), at: at(40), via: idx('c') },
      { by: idx('e'), at: at(50) },
    );
    spread.replies.push({ by: idx('f0'), at: at(15), text: 'love it' });
    spread.quotes.push({ by: idx('f1'), at: at(25), text: 'look at this' });
    clock += 10 * MINUTE;
    expect(await poll()).toMatchObject({ polled: 0 }); // not due for 15 minutes
    clock += 6 * MINUTE;
    expect(await poll()).toMatchObject({ polled: 1 });

    const report = await mia.reports.campaign({ campaignId });
    const post = report.posts[0]!;
    expect(post.counts).toEqual({ likes: 1, reposts: 5, quotes: 1, replies: 1 });
    expect(post.engagements).toBe(8);
    const parentOf = (key: string) => {
      const nodes = post.cascade.nodes;
      const node = nodes.find((n) => n.account === bsky.did(idx(key)))!;
      return { parent: nodes[node.parent]?.handle, attribution: node.attribution };
    };
    expect(parentOf('b')).toEqual({ parent: bsky.handle(idx('a')), attribution: 'followed' });
    expect(parentOf('e')).toEqual({ parent: bsky.handle(idx('b')), attribution: 'followed' });
    expect(parentOf('d')).toEqual({ parent: bsky.handle(idx('c')), attribution: 'via' });
    // c follows f0, who replied earlier: the earliest earlier sharer c follows.
    expect(parentOf('c')).toEqual({ parent: bsky.handle(idx('f0')), attribution: 'followed' });
    expect(post.cascade).toMatchObject({ size: 8, depth: 3 });
    expect(post.cascade.structuralVirality).toBeGreaterThan(1);
    expect(post.directReach).toBe(9);
    expect(post.earnedReach.kind).toBe('estimate');
    expect(report.influencers).toEqual([
      expect.objectContaining({
        influencer: 'Hub Creator',
        posts: 1,
        engagements: 8,
        costPerEngagementMinor: 1250,
      }),
    ]);
    expect(report.formulas.structuralVirality).toMatch(/Goel/);
    expect(report.emv.note).toMatch(/Barcelona/);
    expect(report.series.map((p) => p.engagements)).toEqual([1, 8]);
    expect(report.tracking.followRequestsUsed).toBeGreaterThan(0);
  });

  it('writes no half snapshot when a poll fails, and catches up on the retry', async () => {
    bsky.injectFault({ kind: 'unavailable', path: 'getRepostedBy' });
    bsky.spread.on(hub, 0).likes.push({ by: idx('f4'), at: at(60) });
    clock += 60 * MINUTE;
    expect(await poll()).toMatchObject({ failed: 1, polled: 0 });
    const [failed] = await mia.tracking.listForDeal({ dealId });
    expect(failed!.snapshots).toHaveLength(2);
    expect(failed!.lastError).toMatch(/503/);
    clock += 60 * MINUTE;
    expect(await poll()).toMatchObject({ polled: 1 });
    const [caught] = await mia.tracking.listForDeal({ dealId });
    expect(caught!.snapshots.at(-1)).toMatchObject({ likes: 2 });
    expect(caught!.lastError).toBeNull();
  });

  it('marks a deleted post and keeps its history', async () => {
    bsky.spread.on(hub, 0).deleted = true;
    clock += 2 * 60 * MINUTE;
    expect(await poll()).toMatchObject({ deleted: 1 });
    const [post] = await mia.tracking.listForDeal({ dealId });
    expect(post).toMatchObject({ status: 'deleted' });
    expect(post!.snapshots).toHaveLength(3);
    const report = await mia.reports.campaign({ campaignId });
    expect(report.posts[0]).toMatchObject({ status: 'deleted', engagements: 9 });
  });

  it('tracks a Mastodon status with its reblogs, and warns when the author is not the influencer', async () => {
    masto.spread.on(hub, 1).reposts.push({ by: idx('a'), at: at(3) }, { by: idx('b'), at: at(4) });
    const url = `https://masto.test/@${graph.accounts[hub]!.name}/${masto.statusId(hub, 1)}`;
    expect(await mia.tracking.track({ dealId, url })).toMatchObject({ authorMismatch: false });
    const other = `https://masto.test/@${graph.accounts[idx('a')]!.name}/${masto.statusId(idx('a'), 0)}`;
    expect(await mia.tracking.track({ dealId, url: other })).toMatchObject({ authorMismatch: true });
    const report = await mia.reports.campaign({ campaignId });
    const mastodon = report.posts.find((p) => p.url.includes(masto.statusId(hub, 1)))!;
    expect(mastodon.counts).toMatchObject({ reposts: 2 });
    expect(mastodon.cascade.nodes.find((n) => n.handle === masto.acct(idx('b')))?.attribution).toBe(
      'followed',
    );
    const bad = await failure(mia.tracking.track({ dealId, url: 'https://example.com/not-a-post' }));
    expect(bad).toMatchObject({ status: 400 });
  });

  it('finds posts with the campaign hashtag and proposes them for one-click confirmation', async () => {
    const posts = graph.accounts[hub]!.posts;
    posts.push({
      ...posts[0]!,
      index: posts.length,
      text: 'Trying the new #SpringLaunch oat drink',
      createdAt: at(30),
    });
    await mia.tracking.setTerms({
      campaignId,
      hashtags: ['#springlaunch'],
      links: [],
      keywords: [],
      followBudget: 200,
    });
    const found = await mia.tracking.findPosts({ campaignId });
    expect(found.proposed).toBe(2); // the same post on Bluesky and on Mastodon
    const proposed = (await mia.tracking.listForDeal({ dealId })).filter((p) => p.status === 'proposed');
    expect(proposed.map((p) => p.text)).toEqual([
      expect.stringMatching(/SpringLaunch/),
      expect.stringMatching(/SpringLaunch/),
    ]);
    await mia.tracking.confirm({ id: proposed[0]!.id });
    await mia.tracking.dismiss({ id: proposed[1]!.id });
    const after = await mia.tracking.listForDeal({ dealId });
    expect(after.find((p) => p.id === proposed[0]!.id)).toMatchObject({
      status: 'tracking',
      source: 'found',
    });
    expect(after.find((p) => p.id === proposed[1]!.id)).toMatchObject({ status: 'dismissed' });
  });

  it('finds organic Mastodon mentions and says why Bluesky search is skipped without an account', async () => {
    const outsider = graph.accounts[idx('f5')]!.posts;
    outsider.push({
      ...outsider[0]!,
      index: outsider.length,
      text: 'Everyone talks about #SpringLaunch',
      createdAt: at(90),
    });
    const result = await mia.tracking.scanOrganic({ campaignId });
    expect(result.found).toBe(1);
    expect(result.notes.join(' ')).toMatch(/Bluesky refuses anonymous post search/);
    const report = await mia.reports.campaign({ campaignId });
    expect(report.organic.mentions.map((m) => m.authorHandle)).toEqual([masto.acct(idx('f5'))]);
  });

  it('searches Bluesky word of mouth with the workspace app password, sealed and never sent back', async () => {
    const outsider = graph.accounts[idx('f6')]!.posts;
    outsider.push({
      ...outsider[0]!,
      index: outsider.length,
      text: 'My take on #SpringLaunch',
      createdAt: at(100),
    });
    const saved = await mia.tracking.saveSettings({
      bluesky: { identifier: 'search.bsky.test', appPassword: 'abcd-efgh-ijkl-mnop', serviceUrl: bsky.url },
    });
    expect(saved).toMatchObject({ blueskyIdentifier: 'search.bsky.test', hasBlueskyPassword: true });
    expect(JSON.stringify(saved)).not.toContain('abcd-efgh');
    const stored = await database.db.select().from(measurementSettings);
    expect(stored[0]!.blueskyPasswordSealed).toMatch(/^v1\./);
    expect(stored[0]!.blueskyPasswordSealed).not.toContain('abcd');
    const result = await mia.tracking.scanOrganic({ campaignId });
    expect(result.notes).toEqual([]);
    const report = await mia.reports.campaign({ campaignId });
    expect(report.organic.mentions.map((m) => m.authorHandle)).toContain(bsky.handle(idx('f6')));
    expect(bsky.stats.byPath['/xrpc/app.bsky.feed.searchPosts']).toBeGreaterThan(0);
  });

  it('keeps every workspace to itself, and serves the report to an API key and as CSV', async () => {
    const [post] = await mia.tracking.listForDeal({ dealId });
    expect(await failure(olly.tracking.byId({ id: post!.id }))).toMatchObject({ status: 404 });
    expect(await failure(olly.tracking.listForDeal({ dealId }))).toMatchObject({ status: 404 });
    expect(await failure(olly.tracking.track({ dealId, url: postUrl() }))).toMatchObject({ status: 404 });
    expect(await failure(olly.reports.campaign({ campaignId }))).toMatchObject({ status: 404 });
    expect(await failure(olly.tracking.pollNow({ id: post!.id }))).toMatchObject({ status: 404 });
    const viaKey = await trpcCall(app, bearer, 'reports.campaign', { campaignId }, 'query');
    expect(viaKey.status).toBe(200);
    const { csv } = await mia.reports.csv({ campaignId });
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toMatch(/^influencer,platform,url,author,posted_at,status,direct_reach,earned_reach/);
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });
});
