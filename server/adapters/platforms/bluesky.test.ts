import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBluesky, startFakeBluesky } from '../../../test/fakes/bluesky-server.ts';
import { missingDatasetMessage, readDatasetEdges } from '../../../test/fakes/datasets.ts';
import { buildFakeGraph, searchFakeAccounts } from '../../../test/fakes/fake-graph.ts';
import { isCrawlError } from '../http/crawl.errors.ts';
import { createFetcher } from '../http/fetcher.ts';
import { createBlueskyConnector } from './bluesky.ts';
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

const twitch = readDatasetEdges('twitch-ru');
const edges =
  twitch ?? Array.from({ length: 400 }, (_, i) => [String(i % 7), String(100 + i)] as [string, string]);
if (!twitch) console.warn(missingDatasetMessage('twitch-ru'));

describe('Bluesky connector against the fake AppView', () => {
  let server: FakeBluesky;
  let bsky: Connector;

  beforeAll(async () => {
    const graph = buildFakeGraph({ edges, mutual: !!twitch, seed: 7 });
    server = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 300_000 } });
    bsky = createBlueskyConnector({ fetcher: createFetcher(), baseUrl: server.url });
  });
  afterAll(() => server.close());

  const busiest = () => {
    const { followers } = server.graph;
    return followers.reduce((best, list, i) => (list.length > followers[best]!.length ? i : best), 0);
  };

  it('resolves a handle to a DID with counts, and reports unknown handles as not_found', async () => {
    const index = busiest();
    const account = await bsky.resolve(`@${server.handle(index)}`);
    expect(account).toMatchObject({
      platform: 'bluesky',
      id: server.did(index),
      followersCount: server.graph.followers[index]!.length,
      followsCount: server.graph.follows[index]!.length,
      url: `https://bsky.app/profile/${server.handle(index)}`,
    });
    const error = await bsky.resolve('nobody.bsky.test').catch((e) => e);
    expect(isCrawlError(error, 'not_found')).toBe(true);
  });

  it('pages through followers and follows and gets exactly what the server holds', async () => {
    const index = busiest();
    const account = await bsky.resolve(server.handle(index));
    const followers = await collect((cursor) => bsky.followers(account, cursor));
    const follows = await collect((cursor) => bsky.follows(account, cursor));
    const dids = (list: number[]) => list.map((i) => server.did(i)).sort();
    expect(followers.items.map((a) => a.id).sort()).toEqual(dids(server.graph.followers[index]!));
    expect(follows.items.map((a) => a.id).sort()).toEqual(dids(server.graph.follows[index]!));
    expect(followers.pages).toBe(Math.max(1, Math.ceil(server.graph.followers[index]!.length / 100)));
  });

  it('fetches profiles 25 at a time, keeping order and leaving out missing accounts', async () => {
    const accounts = Array.from({ length: 60 }, (_, i) => ({
      platform: 'bluesky' as const,
      id: server.did(i),
      handle: '',
    }));
    accounts.splice(10, 0, { platform: 'bluesky', id: 'did:plc:gone', handle: 'gone.bsky.test' });
    server.profilesBatchSizes.length = 0;
    const profiles = await bsky.profiles(accounts);
    expect(server.profilesBatchSizes).toEqual([25, 25, 11]);
    expect(profiles.map((p) => p.id)).toEqual(
      accounts.filter((a) => a.id !== 'did:plc:gone').map((a) => a.id),
    );
    expect(profiles[3]!.followersCount).toBe(server.graph.followers[3]!.length);
  });

  it('searches actors by keyword across pages', async () => {
    const expected = searchFakeAccounts(server.graph, 'chess').map((a) => server.did(a.index));
    const found = await collect((cursor) => bsky.search('chess', cursor));
    expect(found.items.map((a) => a.id)).toEqual(expected);
  });

  it("returns the author's own recent posts with engagement, skipping reposts", async () => {
    const index = busiest();
    const account = await bsky.resolve(server.handle(index));
    const mine = server.graph.accounts[index]!.posts;
    const posts = await bsky.recentPosts(account, 3);
    expect(posts).toHaveLength(Math.min(3, mine.length));
    expect(posts[0]).toMatchObject({
      text: mine[0]!.text,
      likes: mine[0]!.likes,
      reposts: mine[0]!.reposts,
      replies: mine[0]!.replies,
      quotes: mine[0]!.quotes,
    });
    expect(posts[0]!.url).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/post\/.+/);
    const all = await bsky.recentPosts(account, 100);
    expect(all.map((p) => p.text)).toEqual(mine.map((p) => p.text));
    const byHandle = { platform: 'bluesky' as const, id: server.handle(index), handle: server.handle(index) };
    expect(await bsky.recentPosts(byHandle, 2)).toEqual(posts.slice(0, 2));
  });
});
