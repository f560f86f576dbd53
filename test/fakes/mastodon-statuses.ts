/**
 * The fake Mastodon instance's status routes, as mastodon/documentation defines them:
 * GET /api/v1/statuses/:id (404 once deleted), /:id/reblogged_by and /:id/favourited_by
 * (accounts, newest first, `Link` pagination by max_id), /:id/context (`{ancestors,
 * descendants}`), /api/v1/timelines/tag/:hashtag (public statuses with that tag), and the
 * statuses part of /api/v2/search: a status found by its own `url` or `uri`, or, with
 * `resolve=true` only, by an address another server shows it under (`foreignUrls`).
 */
import type { FakeAccount, FakeGraph } from './fake-graph.ts';
import type { FakeResponse } from './fake-http.ts';
import { countsOf, type FakeSpread } from './fake-spread.ts';

export const STATUS_BASE = 111_000_000_000_000_000n;
const REPLY_BASE = 112_000_000_000_000_000n;

export type StatusContext = {
  graph: FakeGraph;
  spread: FakeSpread;
  domain: string;
  account(a: FakeAccount): Record<string, unknown>;
  /** Addresses other servers show this instance's statuses under, as `resolve` would fetch them. */
  foreignUrls: Map<string, { account: number; post: number }>;
  idPage(
    all: Array<{ id: bigint; json: unknown }>,
    query: URLSearchParams,
    path: string,
    base: string,
    max: number,
    def: number,
  ): FakeResponse;
};

const notFound: FakeResponse = { status: 404, body: { error: 'Record not found' } };
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const statusId = (a: number, j: number) => STATUS_BASE + BigInt(a) * 10_000n + BigInt(5000 - 2 * j);

export const createStatusRoutes = (c: StatusContext) => {
  const { graph, spread, domain } = c;

  const parse = (id: string): { a: number; j: number } | undefined => {
    if (!/^\d+$/.test(id)) return undefined;
    const n = BigInt(id) - STATUS_BASE;
    if (n < 0n) return undefined;
    const a = Number(n / 10_000n);
    const rest = 5000 - Number(n % 10_000n);
    if (rest % 2 !== 0 || !graph.accounts[a]?.posts[rest / 2]) return undefined;
    if (spread.get(a, rest / 2)?.deleted) return undefined;
    return { a, j: rest / 2 };
  };

  const status = (a: number, j: number) => {
    const owner = graph.accounts[a]!;
    const post = owner.posts[j]!;
    const id = statusId(a, j);
    const counts = countsOf(post, spread.get(a, j));
    return {
      id: id.toString(),
      created_at: post.createdAt,
      in_reply_to_id: null,
      visibility: 'public',
      language: 'en',
      uri: `https://${domain}/users/${owner.name}/statuses/${id}`,
      url: `https://${domain}/@${owner.name}/${id}`,
      content: `<p>${escapeHtml(post.text)}</p>`,
      reblog: null,
      account: c.account(owner),
      replies_count: counts.replies,
      reblogs_count: counts.reposts,
      favourites_count: counts.likes,
      quotes_count: counts.quotes,
    };
  };

  /** Time-ordered ids, as Mastodon's snowflakes are, for lists of reblogs and favourites. */
  const timeId = (at: string, k: number) => BigInt(Date.parse(at)) * 1000n + BigInt(k % 1000);

  const tagged = (tag: string) => {
    const needle = `#${tag.toLowerCase()}`;
    const out: Array<{ id: bigint; json: unknown }> = [];
    graph.accounts.forEach((a) => {
      a.posts.forEach((p, j) => {
        const words = p.text.toLowerCase().split(/[^#\p{L}\p{N}_]+/u);
        if (words.includes(needle) && parse(statusId(a.index, j).toString()))
          out.push({ id: statusId(a.index, j), json: status(a.index, j) });
      });
    });
    return out.sort((x, y) => (x.id < y.id ? 1 : -1));
  };

  /** /api/v2/search?type=statuses: the status a URL names, if this instance holds it. */
  const search = (q: string, resolve: boolean): FakeResponse => {
    const empty = { status: 200, body: { accounts: [], statuses: [], hashtags: [] } };
    const named = parse(/\/(\d+)$/.exec(q)?.[1] ?? '');
    const shown = named && status(named.a, named.j);
    const own = shown && (shown.url === q || shown.uri === q) ? named : undefined;
    const foreign = resolve ? c.foreignUrls.get(q) : undefined;
    const hit = own ?? (foreign && { a: foreign.account, j: foreign.post });
    if (!hit || !parse(statusId(hit.a, hit.j).toString())) return empty;
    return { ...empty, body: { ...empty.body, statuses: [status(hit.a, hit.j)] } };
  };

  /** The response for `path`, or undefined when it is not a status route. */
  const route = (path: string, query: URLSearchParams, baseUrl: string): FakeResponse | undefined => {
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    if (tag) return c.idPage(tagged(decodeURIComponent(tag[1]!)), query, path, baseUrl, 40, 20);
    const m = /^\/api\/v1\/statuses\/([^/]+)(?:\/(reblogged_by|favourited_by|context))?$/.exec(path);
    if (!m) return undefined;
    const found = parse(m[1]!);
    if (!found) return notFound;
    const { a, j } = found;
    if (!m[2]) return { status: 200, body: status(a, j) };
    const s = spread.get(a, j);
    if (m[2] === 'context') {
      const descendants = (s?.replies ?? []).map((r, k) => {
        const id = REPLY_BASE + BigInt(a) * 1_000_000n + BigInt(j) * 1000n + BigInt(k);
        const author = graph.accounts[r.by]!;
        return {
          id: id.toString(),
          created_at: r.at,
          in_reply_to_id: statusId(a, j).toString(),
          in_reply_to_account_id: null,
          visibility: 'public',
          url: `https://${domain}/@${author.name}/${id}`,
          content: `<p>${escapeHtml(r.text)}</p>`,
          reblog: null,
          account: c.account(author),
          replies_count: 0,
          reblogs_count: 0,
          favourites_count: 0,
        };
      });
      return { status: 200, body: { ancestors: [], descendants } };
    }
    const list = m[2] === 'reblogged_by' ? (s?.reposts ?? []) : (s?.likes ?? []);
    const items = list
      .map((e, k) => ({ id: timeId(e.at, k), json: c.account(graph.accounts[e.by]!) as unknown }))
      .sort((x, y) => (x.id < y.id ? 1 : -1));
    return c.idPage(items, query, path, baseUrl, 80, 40);
  };
  return Object.assign(route, { search });
};
