/**
 * A loopback stand-in for the Bluesky AppView, speaking XRPC as the lexicons define it:
 * app.bsky.actor.getProfile/getProfiles/searchActors, app.bsky.graph.getFollowers/getFollows,
 * and the post routes in bluesky-feed.ts (posts, threads, reposts with `via`, quotes, likes,
 * author feeds, authenticated searchPosts), with opaque cursors, `RateLimit-*` headers (Reset in unix seconds,
 * `RateLimit-Policy: "<limit>;w=<seconds>"`), 400 InvalidRequest errors and 429 RateLimitExceeded.
 *
 *   const bsky = await startFakeBluesky({ graph, rateLimit: { limit: 3000, windowMs: 300_000 }, clock });
 *   bsky.url; bsky.handle(0) === 'user0.bsky.test'; bsky.stats.whileExhausted; await bsky.close();
 */
import { createFeedRoutes, type FakeBlueskyLogin } from './bluesky-feed.ts';
import { type FakeAccount, type FakeGraph, searchFakeAccounts } from './fake-graph.ts';
import {
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FakeServerOptions,
  startFakeHttp,
} from './fake-http.ts';
import { createFakeSpread, type FakeSpread } from './fake-spread.ts';

export type FakeBlueskyOptions = FakeServerOptions & {
  graph: FakeGraph;
  handleSuffix?: string;
  /** Reposts, quotes, replies, likes and deletions of the graph's posts (tests change it live). */
  spread?: FakeSpread;
  /** The one account createSession accepts, for authenticated searchPosts. */
  login?: FakeBlueskyLogin;
};

export type FakeBluesky = FakeServer & {
  graph: FakeGraph;
  spread: FakeSpread;
  did(index: number): string;
  handle(index: number): string;
  /** Sizes of the `actors` lists getProfiles received, in order. */
  profilesBatchSizes: number[];
};

const invalid = (message: string): FakeResponse => ({
  status: 400,
  body: { error: 'InvalidRequest', message },
});
const encodeCursor = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
const decodeCursor = (cursor: string | null): number | null => {
  if (cursor === null) return 0;
  const text = Buffer.from(cursor, 'base64url').toString();
  return /^o\d+$/.test(text) ? Number(text.slice(1)) : null;
};

export const startFakeBluesky = async (options: FakeBlueskyOptions): Promise<FakeBluesky> => {
  const { graph, handleSuffix = '.bsky.test', spread = createFakeSpread() } = options;
  const did = (index: number) => `did:plc:fake${index.toString(36).padStart(6, '0')}`;
  const handle = (index: number) => `${graph.accounts[index]!.name}${handleSuffix}`;
  const byActor = new Map<string, number>();
  for (const account of graph.accounts) {
    byActor.set(did(account.index), account.index);
    byActor.set(handle(account.index).toLowerCase(), account.index);
  }
  const profilesBatchSizes: number[] = [];

  const profileView = (a: FakeAccount) => ({
    did: did(a.index),
    handle: handle(a.index),
    displayName: a.displayName,
    description: a.description,
    avatar: `https://cdn.bsky.test/img/avatar/plain/${did(a.index)}/fake@jpeg`,
    indexedAt: a.createdAt,
    createdAt: a.createdAt,
    labels: [],
  });
  const detailed = (a: FakeAccount) => ({
    ...profileView(a),
    followersCount: graph.followers[a.index]!.length,
    followsCount: graph.follows[a.index]!.length,
    postsCount: a.posts.length,
  });
  const paged = <T>(all: T[], query: URLSearchParams, max: number, defaultLimit: number) => {
    const limit = Number(query.get('limit') ?? defaultLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > max)
      return { error: invalid(`limit must be 1-${max}`) };
    const offset = decodeCursor(query.get('cursor'));
    if (offset === null) return { error: invalid('Malformed cursor') };
    const items = all.slice(offset, offset + limit);
    const end = offset + items.length;
    return { items, cursor: end < all.length ? encodeCursor(end) : undefined };
  };

  const actorOf = (query: URLSearchParams, name = 'actor') => {
    const actor = query.get(name);
    return actor === null ? undefined : byActor.get(actor.toLowerCase());
  };

  const feed = createFeedRoutes({
    graph,
    spread,
    login: options.login,
    did,
    handle,
    profileView,
    actorIndex: (actor) => byActor.get(actor.toLowerCase()),
    paged,
  });

  const route = (request: FakeRequest): FakeResponse => {
    const { path, query } = request;
    const nsid = path.replace(/^\/xrpc\//, '');
    switch (nsid) {
      case 'app.bsky.actor.getProfile': {
        const index = actorOf(query);
        if (index === undefined) return invalid('Profile not found');
        return { status: 200, body: detailed(graph.accounts[index]!) };
      }
      case 'app.bsky.actor.getProfiles': {
        const actors = query.getAll('actors');
        profilesBatchSizes.push(actors.length);
        if (actors.length > 25) return invalid('actors must not have more than 25 elements');
        const found = actors.map((a) => byActor.get(a.toLowerCase())).filter((i) => i !== undefined);
        return { status: 200, body: { profiles: found.map((i) => detailed(graph.accounts[i]!)) } };
      }
      case 'app.bsky.actor.searchActors': {
        const page = paged(searchFakeAccounts(graph, query.get('q') ?? ''), query, 100, 25);
        if (page.error) return page.error;
        return { status: 200, body: { actors: page.items.map(profileView), cursor: page.cursor } };
      }
      case 'app.bsky.graph.getFollowers':
      case 'app.bsky.graph.getFollows': {
        const index = actorOf(query);
        if (index === undefined) return invalid('Actor not found');
        const key = nsid.endsWith('getFollowers') ? 'followers' : 'follows';
        const list = (key === 'followers' ? graph.followers : graph.follows)[index]!;
        const page = paged(list, query, 100, 50);
        if (page.error) return page.error;
        const body = {
          subject: profileView(graph.accounts[index]!),
          [key]: page.items.map((i) => profileView(graph.accounts[i]!)),
          cursor: page.cursor,
        };
        return { status: 200, body };
      }
      default:
        return (
          feed(nsid, request) ?? {
            status: 501,
            body: { error: 'MethodNotImplemented', message: 'Method Not Implemented' },
          }
        );
    }
  };

  const server = await startFakeHttp(options, {
    route,
    tooManyBody: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
    limitHeaders: (quota) => ({
      'ratelimit-limit': String(quota.limit),
      'ratelimit-remaining': String(quota.remaining),
      'ratelimit-reset': String(Math.ceil(quota.resetAt / 1000)),
      'ratelimit-policy': `${quota.limit};w=${Math.round(quota.windowMs / 1000)}`,
    }),
  });
  return { ...server, graph, spread, did, handle, profilesBatchSizes };
};
