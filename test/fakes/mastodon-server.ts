/**
 * A loopback stand-in for one Mastodon instance's public REST API: accounts/lookup, accounts/:id,
 * accounts/:id/followers and /following (max_id pagination through `Link` rel="next"/"prev",
 * a next link whenever a page is full, as Mastodon does), accounts/:id/statuses, v2/search
 * (offset), `X-RateLimit-*` headers (Reset as ISO 8601), 404 `{"error":"Record not found"}`.
 * Ids are snowflake-sized strings beyond 2^53, so a client that parses them as numbers breaks.
 * `pagingRateLimit` adds Mastodon's unpublished throttle on paginated requests.
 * Hidden accounts report `hide_collections: true` (unless `exposeHideCollections` is false) and
 * answer their collections with an empty list (or a 403 with `hiddenResponse: 'forbidden'`).
 *
 * `hostile` turns it into a server that attacks its clients: every `every`-th account has NUL
 * and lone surrogates in display_name, note and fields, `javascript:` profile and avatar URLs;
 * lists carry one malformed account; lookups of `broken` names answer malformed JSON.
 *
 *   const masto = await startFakeMastodon({ graph, domain: 'masto.test' });
 *   createMastodonConnector({ fetcher, instances: { 'masto.test': masto.url } });
 */
import type { FakeAccount, FakeGraph } from './fake-graph.ts';
import { searchFakeAccounts } from './fake-graph.ts';
import { type FakeResponse, type FakeServer, type FakeServerOptions, startFakeHttp } from './fake-http.ts';
import { countsOf, createFakeSpread, type FakeSpread } from './fake-spread.ts';
import { createStatusRoutes, STATUS_BASE, statusId } from './mastodon-statuses.ts';

export type FakeMastodonOptions = FakeServerOptions & {
  graph: FakeGraph;
  domain?: string;
  hiddenResponse?: 'empty' | 'forbidden';
  exposeHideCollections?: boolean;
  hostile?: { every?: number; broken?: string[] };
  /** Reblogs, replies, favourites and deletions of the graph's posts (tests change it live). */
  spread?: FakeSpread;
};

export type FakeMastodon = FakeServer & {
  graph: FakeGraph;
  spread: FakeSpread;
  domain: string;
  acct(index: number): string;
  /** The id of account `index`'s post number `post`. */
  statusId(index: number, post: number): string;
  accountId(index: number): string;
  /** Addresses other servers show this instance's statuses under; search finds them with resolve=true. */
  foreignUrls: Map<string, { account: number; post: number }>;
};

const ACCOUNT_BASE = 110_000_000_000_000_000n;
const FOLLOW_BASE = 200_000_000_000_000_000n;
const notFound: FakeResponse = { status: 404, body: { error: 'Record not found' } };
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const startFakeMastodon = async (options: FakeMastodonOptions): Promise<FakeMastodon> => {
  const { graph, domain = 'masto.test', hiddenResponse = 'empty', exposeHideCollections = true } = options;
  const spread = options.spread ?? createFakeSpread();
  const accountId = (index: number) => (ACCOUNT_BASE + BigInt(index) * 7919n).toString();
  const byId = new Map(graph.accounts.map((a) => [accountId(a.index), a.index]));

  const account = (a: FakeAccount) => ({
    id: accountId(a.index),
    username: a.name,
    acct: a.name,
    display_name: a.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: a.createdAt,
    note: `<p>${escapeHtml(a.description)}</p>`,
    url: `https://${domain}/@${a.name}`,
    avatar: `https://files.${domain}/avatars/${a.index}.png`,
    header: '',
    followers_count: graph.followers[a.index]!.length,
    following_count: graph.follows[a.index]!.length,
    statuses_count: a.posts.length,
    last_status_at: a.posts[0]?.createdAt.slice(0, 10) ?? null,
    emojis: [],
    fields: [],
    ...(exposeHideCollections ? { hide_collections: a.hidden } : {}),
    ...(isHostile(a) ? hostileFields(a) : {}),
  });
  const isHostile = (a: FakeAccount) => !!options.hostile && a.index % (options.hostile.every ?? 2) === 0;
  const hostileFields = (a: FakeAccount) => ({
    display_name: `Nul\u0000Name ${a.name} \ud800`,
    note: `<p>bio\u0000 with &#0; and &#xD800; and \udc00 ${escapeHtml(a.description)}</p>`,
    fields: [{ name: 'site\u0000', value: '\ud83d', verified_at: null }],
    url: 'javascript:alert(document.cookie)',
    avatar: 'javascript:alert(1)',
  });
  /** What a broken server sends for an account it cannot describe: wrong types, missing fields. */
  const malformed = { id: 7, username: null, acct: ['x'], display_name: '\u0000' };

  const statuses = (a: FakeAccount, withReblogs: boolean) => {
    const out: Array<{ id: bigint; json: unknown }> = [];
    a.posts.forEach((post, j) => {
      const id = STATUS_BASE + BigInt(a.index) * 10_000n + BigInt(5000 - 2 * j);
      if (spread.get(a.index, j)?.deleted) return;
      const counts = countsOf(post, spread.get(a.index, j));
      out.push({
        id,
        json: {
          id: id.toString(),
          created_at: post.createdAt,
          in_reply_to_id: null,
          visibility: 'public',
          language: 'en',
          uri: `https://${domain}/users/${a.name}/statuses/${id}`,
          url: `https://${domain}/@${a.name}/${id}`,
          content: `<p>${escapeHtml(post.text)}</p>`,
          reblog: null,
          account: account(a),
          replies_count: counts.replies,
          reblogs_count: counts.reposts,
          favourites_count: counts.likes,
          quotes_count: counts.quotes,
        },
      });
      if (withReblogs && j % 2 === 0) {
        const reblogId = id - 1n;
        const original = { id: '1', content: '<p>someone else</p>', created_at: post.createdAt };
        out.push({
          id: reblogId,
          json: {
            id: reblogId.toString(),
            created_at: post.createdAt,
            content: '',
            reblog: original,
            account: account(a),
          },
        });
      }
    });
    return out;
  };

  /** Newest-first pages by descending id below `max_id`, with Mastodon's Link header. */
  const idPage = (
    all: Array<{ id: bigint; json: unknown }>,
    query: URLSearchParams,
    path: string,
    base: string,
    max: number,
    def: number,
  ): FakeResponse => {
    const limit = Math.min(max, Math.max(1, Number(query.get('limit') ?? def) || def));
    const maxId = query.get('max_id');
    const below = maxId === null ? all : all.filter((item) => item.id < BigInt(maxId));
    const items = below.slice(0, limit);
    const links: string[] = [];
    if (items.length === limit)
      links.push(`<${base}${path}?limit=${limit}&max_id=${items.at(-1)!.id}>; rel="next"`);
    if (items.length > 0) links.push(`<${base}${path}?limit=${limit}&min_id=${items[0]!.id}>; rel="prev"`);
    return {
      status: 200,
      body: items.map((i) => i.json),
      headers: links.length ? { link: links.join(', ') } : {},
    };
  };

  const foreignUrls = new Map<string, { account: number; post: number }>();
  const statusRoutes = createStatusRoutes({
    graph,
    spread,
    domain,
    account,
    foreignUrls,
    idPage: (...args) => idPage(...args),
  });

  const route = ({
    path,
    query,
    baseUrl,
  }: {
    path: string;
    query: URLSearchParams;
    baseUrl: string;
  }): FakeResponse => {
    if (path === '/api/v1/accounts/lookup') {
      const acct = (query.get('acct') ?? '').replace(/^@/, '').toLowerCase();
      const [name, host] = acct.split('@');
      if (host !== undefined && host !== domain) return notFound;
      if (options.hostile?.broken?.includes(name ?? ''))
        return { status: 200, body: null, rawBody: `{"id":"1","username":"${name}","acct":` };
      const index = graph.byName.get(name ?? '');
      return index === undefined ? notFound : { status: 200, body: account(graph.accounts[index]!) };
    }
    const statusRoute = statusRoutes(path, query, baseUrl);
    if (statusRoute) return statusRoute;
    if (path === '/api/v2/search') {
      if (query.get('type') === 'statuses')
        return statusRoutes.search(query.get('q') ?? '', query.get('resolve') === 'true');
      if (query.get('type') !== 'accounts')
        return { status: 200, body: { accounts: [], statuses: [], hashtags: [] } };
      const limit = Math.min(40, Math.max(1, Number(query.get('limit') ?? 20) || 20));
      const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
      const found = searchFakeAccounts(graph, query.get('q') ?? '').slice(offset, offset + limit);
      return { status: 200, body: { accounts: found.map(account), statuses: [], hashtags: [] } };
    }
    const match = /^\/api\/v1\/accounts\/([^/]+)(?:\/(followers|following|statuses))?$/.exec(path);
    const index = match ? byId.get(match[1]!) : undefined;
    if (!match || index === undefined) return notFound;
    const a = graph.accounts[index]!;
    if (!match[2]) return { status: 200, body: account(a) };
    if (match[2] === 'statuses') {
      return idPage(statuses(a, query.get('exclude_reblogs') !== 'true'), query, path, baseUrl, 40, 20);
    }
    if (a.hidden) {
      if (hiddenResponse === 'forbidden')
        return { status: 403, body: { error: 'This action is not allowed' } };
      return { status: 200, body: [] };
    }
    const list = (match[2] === 'followers' ? graph.followers : graph.follows)[index]!;
    const items = list.map((other, p) => ({
      id: FOLLOW_BASE + BigInt(list.length - p),
      json: account(graph.accounts[other]!) as unknown,
    }));
    if (options.hostile) items.push({ id: FOLLOW_BASE, json: malformed });
    return idPage(items, query, path, baseUrl, 80, 40);
  };

  const server = await startFakeHttp(options, {
    route,
    tooManyBody: { error: 'Too many requests' },
    isPaging: (query) => query.has('max_id') || query.has('min_id') || query.has('since_id'),
    limitHeaders: (quota) => ({
      'x-ratelimit-limit': String(quota.limit),
      'x-ratelimit-remaining': String(quota.remaining),
      'x-ratelimit-reset': new Date(quota.resetAt).toISOString(),
    }),
  });
  return {
    ...server,
    graph,
    spread,
    domain,
    acct: (i) => `${graph.accounts[i]!.name}@${domain}`,
    accountId,
    foreignUrls,
    statusId: (i, j) => statusId(i, j).toString(),
  };
};
