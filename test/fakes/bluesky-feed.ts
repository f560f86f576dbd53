/**
 * The fake AppView's post routes, as the lexicons define them: app.bsky.feed.getPosts,
 * getPostThread (400 NotFound for a deleted post), getRepostedBy, getQuotes, getLikes,
 * getAuthorFeed (own posts plus `reasonRepost` items with the repost record's uri),
 * com.atproto.repo.getRecord for repost records (with `via` when the repost came through
 * someone's repost), and app.bsky.feed.searchPosts, which like the public AppView refuses
 * anonymous callers (403) and answers a session from com.atproto.server.createSession.
 */
import type { FakeAccount, FakeGraph } from './fake-graph.ts';
import type { FakeRequest, FakeResponse } from './fake-http.ts';
import { countsOf, type FakeReply, type FakeSpread } from './fake-spread.ts';

export type FakeBlueskyLogin = { identifier: string; password: string };

type Paged = <T>(
  all: T[],
  query: URLSearchParams,
  max: number,
  def: number,
) => { error?: FakeResponse; items?: T[]; cursor?: string };

export type FeedContext = {
  graph: FakeGraph;
  spread: FakeSpread;
  login?: FakeBlueskyLogin;
  did(index: number): string;
  handle(index: number): string;
  profileView(a: FakeAccount): Record<string, unknown>;
  actorIndex(actor: string): number | undefined;
  paged: Paged;
};

const notFound = (what: string): FakeResponse => ({
  status: 400,
  body: { error: 'NotFound', message: `Post not found: ${what}` },
});
const TOKEN = 'fake-access-jwt';

export const createFeedRoutes = (c: FeedContext) => {
  const { graph, spread, did, handle } = c;
  const rkey = (a: number, j: number) => `3kfake${a.toString(36)}p${j}`;
  const postUri = (a: number, j: number) => `at://${did(a)}/app.bsky.feed.post/${rkey(a, j)}`;
  const repostUri = (by: number, a: number, j: number) =>
    `at://${did(by)}/app.bsky.feed.repost/3krp${a.toString(36)}p${j}`;
  const basic = (i: number) => ({
    did: did(i),
    handle: handle(i),
    displayName: graph.accounts[i]!.displayName,
    labels: [],
  });

  const parsePost = (uri: string | null): { a: number; j: number } | undefined => {
    const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/3kfake([0-9a-z]+)p(\d+)$/.exec(uri ?? '');
    if (!m) return undefined;
    const a = c.actorIndex(m[1]!);
    const j = Number(m[3]);
    if (a === undefined || a !== Number.parseInt(m[2]!, 36)) return undefined;
    const post = graph.accounts[a]!.posts[j];
    if (!post || spread.get(a, j)?.deleted) return undefined;
    return { a, j };
  };

  const postView = (a: number, j: number) => {
    const post = graph.accounts[a]!.posts[j]!;
    const counts = countsOf(post, spread.get(a, j));
    return {
      uri: postUri(a, j),
      cid: `bafyreifake${a}p${j}`,
      author: basic(a),
      record: { $type: 'app.bsky.feed.post', text: post.text, createdAt: post.createdAt, langs: ['en'] },
      indexedAt: post.createdAt,
      replyCount: counts.replies,
      repostCount: counts.reposts,
      likeCount: counts.likes,
      quoteCount: counts.quotes,
      labels: [],
    };
  };
  /** A quote or reply someone wrote, as a postView of their own. */
  const derivedView = (kind: 'quote' | 'reply', a: number, j: number, item: FakeReply, k: number) => {
    const root = { uri: postUri(a, j), cid: `bafyreifake${a}p${j}` };
    return {
      uri: `at://${did(item.by)}/app.bsky.feed.post/3k${kind}${a.toString(36)}p${j}x${k}`,
      cid: `bafyrei${kind}${a}p${j}x${k}`,
      author: basic(item.by),
      record: {
        $type: 'app.bsky.feed.post',
        text: item.text,
        createdAt: item.at,
        ...(kind === 'reply'
          ? { reply: { root, parent: root } }
          : { embed: { $type: 'app.bsky.embed.record', record: root } }),
      },
      indexedAt: item.at,
      replyCount: 0,
      repostCount: 0,
      likeCount: 0,
      quoteCount: 0,
      labels: [],
    };
  };

  /** The account's posts and the posts it reposted, newest first. */
  const feedOf = (index: number) => {
    const a = graph.accounts[index]!;
    const items: Array<{ at: string; item: unknown }> = [];
    const followed = graph.follows[index]![0];
    a.posts.forEach((p, j) => {
      if (!spread.get(index, j)?.deleted) items.push({ at: p.createdAt, item: { post: postView(index, j) } });
      // A repost of someone followed after every second post, so readers must skip reposts.
      if (j % 2 === 1 && followed !== undefined && graph.accounts[followed]!.posts.length > 0) {
        const reason = {
          $type: 'app.bsky.feed.defs#reasonRepost',
          by: c.profileView(a),
          indexedAt: p.createdAt,
        };
        items.push({ at: p.createdAt, item: { post: postView(followed, 0), reason } });
      }
    });
    for (const entry of spread.entries()) {
      if (entry.spread.deleted) continue;
      for (const repost of entry.spread.reposts) {
        if (repost.by !== index) continue;
        const reason = {
          $type: 'app.bsky.feed.defs#reasonRepost',
          by: c.profileView(a),
          uri: repostUri(index, entry.author, entry.post),
          cid: `bafyreirepost${index}`,
          indexedAt: repost.at,
        };
        items.push({ at: repost.at, item: { post: postView(entry.author, entry.post), reason } });
      }
    }
    return items.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0)).map((x) => x.item);
  };

  const repostRecord = (query: URLSearchParams): FakeResponse => {
    const by = c.actorIndex(query.get('repo') ?? '');
    const m = /^3krp([0-9a-z]+)p(\d+)$/.exec(query.get('rkey') ?? '');
    if (by === undefined || !m || query.get('collection') !== 'app.bsky.feed.repost')
      return { status: 400, body: { error: 'RecordNotFound', message: 'Could not locate record' } };
    const a = Number.parseInt(m[1]!, 36);
    const j = Number(m[2]);
    const repost = spread.get(a, j)?.reposts.find((r) => r.by === by);
    if (!repost)
      return { status: 400, body: { error: 'RecordNotFound', message: 'Could not locate record' } };
    const subject = { uri: postUri(a, j), cid: `bafyreifake${a}p${j}` };
    const via =
      repost.via === undefined ? {} : { via: { uri: repostUri(repost.via, a, j), cid: 'bafyreivia' } };
    return {
      status: 200,
      body: {
        uri: repostUri(by, a, j),
        cid: `bafyreirepost${by}`,
        value: { $type: 'app.bsky.feed.repost', subject, createdAt: repost.at, ...via },
      },
    };
  };

  const search = (request: FakeRequest): FakeResponse => {
    if (request.headers?.authorization !== `Bearer ${TOKEN}`)
      return { status: 403, body: { error: 'Forbidden', message: 'Search requires authentication' } };
    const q = (request.query.get('q') ?? '').toLowerCase();
    const found: Array<{ at: string; view: unknown }> = [];
    graph.accounts.forEach((a) => {
      a.posts.forEach((p, j) => {
        if (q && p.text.toLowerCase().includes(q) && !spread.get(a.index, j)?.deleted)
          found.push({ at: p.createdAt, view: postView(a.index, j) });
      });
    });
    found.sort((x, y) => (x.at < y.at ? 1 : -1));
    const page = c.paged(
      found.map((f) => f.view),
      request.query,
      100,
      25,
    );
    if (page.error) return page.error;
    return { status: 200, body: { posts: page.items, cursor: page.cursor, hitsTotal: found.length } };
  };

  const createSession = (request: FakeRequest): FakeResponse => {
    const body = JSON.parse(request.body || '{}') as { identifier?: string; password?: string };
    if (request.method !== 'POST' || !c.login || body.identifier !== c.login.identifier)
      return {
        status: 401,
        body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' },
      };
    if (body.password !== c.login.password)
      return {
        status: 401,
        body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' },
      };
    return {
      status: 200,
      body: {
        accessJwt: TOKEN,
        refreshJwt: 'fake-refresh',
        did: 'did:plc:searcher',
        handle: body.identifier,
      },
    };
  };

  /** The response for `nsid`, or undefined when it is not a feed route. */
  return (nsid: string, request: FakeRequest): FakeResponse | undefined => {
    const { query } = request;
    switch (nsid) {
      case 'app.bsky.feed.getPosts': {
        const uris = query.getAll('uris');
        if (uris.length > 25)
          return { status: 400, body: { error: 'InvalidRequest', message: 'uris: max 25' } };
        const posts = uris.flatMap((u) => {
          const found = parsePost(u);
          return found ? [postView(found.a, found.j)] : [];
        });
        return { status: 200, body: { posts } };
      }
      case 'app.bsky.feed.getPostThread': {
        const found = parsePost(query.get('uri'));
        if (!found) return notFound(query.get('uri') ?? '');
        const s = spread.get(found.a, found.j);
        const replies = (s?.replies ?? []).map((r, k) => ({
          $type: 'app.bsky.feed.defs#threadViewPost',
          post: derivedView('reply', found.a, found.j, r, k),
          replies: [],
        }));
        const thread = {
          $type: 'app.bsky.feed.defs#threadViewPost',
          post: postView(found.a, found.j),
          replies,
        };
        return { status: 200, body: { thread } };
      }
      case 'app.bsky.feed.getRepostedBy':
      case 'app.bsky.feed.getQuotes':
      case 'app.bsky.feed.getLikes': {
        const found = parsePost(query.get('uri'));
        if (!found) return notFound(query.get('uri') ?? '');
        const s = spread.get(found.a, found.j);
        const uri = postUri(found.a, found.j);
        // Newest first, as the AppView sorts them.
        const newest = <T extends { at: string }>(list: T[]) =>
          list.map((item, k) => ({ item, k })).sort((x, y) => (x.item.at < y.item.at ? 1 : -1));
        if (nsid === 'app.bsky.feed.getRepostedBy') {
          const list = newest(s?.reposts ?? []).map(({ item }) => c.profileView(graph.accounts[item.by]!));
          const page = c.paged(list, query, 100, 50);
          return page.error ?? { status: 200, body: { uri, repostedBy: page.items, cursor: page.cursor } };
        }
        if (nsid === 'app.bsky.feed.getQuotes') {
          const list = newest(s?.quotes ?? []).map(({ item, k }) =>
            derivedView('quote', found.a, found.j, item, k),
          );
          const page = c.paged(list, query, 100, 50);
          return page.error ?? { status: 200, body: { uri, posts: page.items, cursor: page.cursor } };
        }
        const list = newest(s?.likes ?? []).map(({ item }) => ({
          indexedAt: item.at,
          createdAt: item.at,
          actor: c.profileView(graph.accounts[item.by]!),
        }));
        const page = c.paged(list, query, 100, 50);
        return page.error ?? { status: 200, body: { uri, likes: page.items, cursor: page.cursor } };
      }
      case 'app.bsky.feed.getAuthorFeed': {
        const index = c.actorIndex(query.get('actor') ?? '');
        if (index === undefined)
          return { status: 400, body: { error: 'InvalidRequest', message: 'Profile not found' } };
        const page = c.paged(feedOf(index), query, 100, 50);
        return page.error ?? { status: 200, body: { feed: page.items, cursor: page.cursor } };
      }
      case 'com.atproto.repo.getRecord':
        return repostRecord(query);
      case 'app.bsky.feed.searchPosts':
        return search(request);
      case 'com.atproto.server.createSession':
        return createSession(request);
      default:
        return undefined;
    }
  };
};
