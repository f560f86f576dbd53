import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFakeGraph, searchFakeAccounts } from '../../../test/fakes/fake-graph.ts';
import { type FakeMastodon, startFakeMastodon } from '../../../test/fakes/mastodon-server.ts';
import { createScaledClock } from '../../../test/fakes/scaled-clock.ts';
import { isCrawlError } from '../http/crawl.errors.ts';
import { createFetcher } from '../http/fetcher.ts';
import { createMastodonConnector, nextLink, parseMastodonHandle } from './mastodon.ts';
import type { Account, Connector, Page } from './types.ts';

const collect = async (next: (cursor?: string) => Promise<Page<Account>>) => {
  const items: Account[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await next(cursor);
    items.push(...page.items);
    cursor = page.next ?? undefined;
    pages += 1;
  } while (cursor);
  return { items, pages };
};

// Account "hub" is followed by 170 accounts and follows 160 (exactly two pages of 80: Mastodon
// then hands out a third, empty page). Every 50th account hides its collections.
const edges: Array<[string, string]> = [
  ...Array.from({ length: 170 }, (_, i) => [`f${i}`, 'hub'] as [string, string]),
  ...Array.from({ length: 160 }, (_, i) => ['hub', `g${i}`] as [string, string]),
];

describe('Mastodon connector against a fake instance', () => {
  let server: FakeMastodon;
  let masto: Connector;

  beforeAll(async () => {
    const graph = buildFakeGraph({ edges, hiddenEvery: 50, seed: 3 });
    server = await startFakeMastodon({ graph, domain: 'masto.test' });
    masto = createMastodonConnector({
      fetcher: createFetcher(),
      instances: { 'masto.test': server.url },
      searchInstance: 'masto.test',
    });
  });
  afterAll(() => server.close());

  const acctsOf = (list: number[]) => list.map((i) => server.acct(i)).sort();

  it('reads handles and Link headers the way Mastodon writes them', () => {
    expect(parseMastodonHandle('@Alice@Example.Social')).toEqual({
      username: 'Alice',
      domain: 'example.social',
    });
    expect(parseMastodonHandle('https://example.social/@bob')).toEqual({
      username: 'bob',
      domain: 'example.social',
    });
    expect(
      nextLink(
        '<https://h/api/v1/accounts/1/followers?max_id=9>; rel="next", <https://h/x?since_id=3>; rel="prev"',
      ),
    ).toBe('https://h/api/v1/accounts/1/followers?max_id=9');
    expect(nextLink('<https://h/x?since_id=3>; rel="prev"')).toBeNull();
  });

  it('resolves user@instance on the home instance, keeping the opaque id as a string', async () => {
    const hub = server.graph.byName.get('userhub')!;
    const account = await masto.resolve('userhub@masto.test');
    expect(account).toMatchObject({
      id: 'userhub@masto.test',
      nativeId: server.accountId(hub),
      followersCount: 170,
      followsCount: 160,
      description: expect.stringContaining('Account hub.'),
    });
    expect(BigInt(account.nativeId!) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    await expect(masto.resolve('nobody@masto.test')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('follows rel="next" links to the end and gets exactly the followers and follows held', async () => {
    const hub = server.graph.byName.get('userhub')!;
    const account = await masto.resolve('userhub@masto.test');
    const followers = await collect((cursor) => masto.followers(account, cursor));
    const follows = await collect((cursor) => masto.follows(account, cursor));
    expect(followers.items.map((a) => a.id).sort()).toEqual(acctsOf(server.graph.followers[hub]!));
    expect(follows.items.map((a) => a.id).sort()).toEqual(acctsOf(server.graph.follows[hub]!));
    expect(followers.pages).toBe(3);
    expect(follows.pages).toBe(3); // 80 + 80 + the empty page Mastodon links to
  });

  it('reports hidden collections as hidden_collection, flagged or not, without retrying', async () => {
    const hidden = server.graph.accounts.find((a) => a.hidden && server.graph.follows[a.index]!.length > 0)!;
    const flagged = await masto.resolve(server.acct(hidden.index));
    expect(flagged.hiddenCollections).toBe(true);
    await expect(masto.follows(flagged)).rejects.toMatchObject({ code: 'hidden_collection' });

    const quiet = await startFakeMastodon({ graph: server.graph, exposeHideCollections: false });
    const forbidden = await startFakeMastodon({
      graph: server.graph,
      domain: 'm2.test',
      hiddenResponse: 'forbidden',
    });
    try {
      const fetcher = createFetcher();
      const instances = { 'masto.test': quiet.url, 'm2.test': forbidden.url };
      const connector = createMastodonConnector({ fetcher, instances });
      const unflagged = await connector.resolve(quiet.acct(hidden.index));
      expect(unflagged.hiddenCollections).toBeUndefined();
      await expect(connector.follows(unflagged)).rejects.toMatchObject({ code: 'hidden_collection' });
      const error = await connector
        .follows(await connector.resolve(`${hidden.name}@m2.test`))
        .catch((e) => e);
      expect(isCrawlError(error, 'hidden_collection')).toBe(true);
      expect(fetcher.stats().retries).toBe(0);
    } finally {
      await quiet.close();
      await forbidden.close();
    }
  });

  it('searches accounts by keyword with offset pages', async () => {
    const expected = searchFakeAccounts(server.graph, 'speedrun').map((a) => server.acct(a.index));
    const found = await collect((cursor) => masto.search('speedrun', cursor));
    expect(found.items.map((a) => a.id)).toEqual(expected);
  });

  it('returns recent statuses as plain text with engagement, without reblogs', async () => {
    const hub = server.graph.accounts[server.graph.byName.get('userhub')!]!;
    const posts = await masto.recentPosts(await masto.resolve('userhub@masto.test'), 50);
    expect(posts.map((p) => p.text)).toEqual(hub.posts.map((p) => p.text));
    expect(posts[0]).toMatchObject({
      likes: hub.posts[0]!.likes,
      reposts: hub.posts[0]!.reposts,
      replies: hub.posts[0]!.replies,
    });
    expect(posts[0]!.text).toContain(' & ');
  });

  it('fetches profiles one lookup each, leaving out accounts that are gone', async () => {
    const wanted = ['userf1@masto.test', 'usergone@masto.test', 'userg2@masto.test'].map((id) => ({
      platform: 'mastodon' as const,
      id,
      handle: id,
    }));
    const profiles = await masto.profiles(wanted);
    expect(profiles.map((p) => p.id)).toEqual(['userf1@masto.test', 'userg2@masto.test']);
    expect(profiles[1]!.followersCount).toBe(1);
  });

  it("waits out Mastodon's unpublished paging throttle after its one 429, and finishes the crawl", async () => {
    const clock = createScaledClock({ speed: 60 });
    const throttled = await startFakeMastodon({
      graph: server.graph,
      clock,
      rateLimit: { limit: 300, windowMs: 300_000 },
      pagingRateLimit: { limit: 3, windowMs: 60_000 },
    });
    try {
      const fetcher = createFetcher({ clock });
      const connector = createMastodonConnector({ fetcher, instances: { 'masto.test': throttled.url } });
      const hub = await connector.resolve('userhub@masto.test');
      const started = clock.now();
      const followers = await collect((cursor) => connector.followers(hub, cursor));
      const follows = await collect((cursor) => connector.follows(hub, cursor));
      expect(followers.items).toHaveLength(170);
      expect(follows.items).toHaveLength(160);
      // Four paginated requests against three per minute: one 429, then a wait for the reset.
      expect(throttled.stats).toMatchObject({
        tooManyRequests: 1,
        pagingWhileExhausted: 1,
        whileExhausted: 0,
      });
      expect(fetcher.stats()).toMatchObject({ rateLimited: 1, failures: 0 });
      expect(clock.now() - started).toBeGreaterThan(30_000);
    } finally {
      await throttled.close();
    }
  });
});
