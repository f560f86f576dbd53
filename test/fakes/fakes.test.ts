import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBluesky, startFakeBluesky } from './bluesky-server.ts';
import { buildFakeGraph } from './fake-graph.ts';
import type { FakeServer } from './fake-http.ts';
import { startFakeMastodon } from './mastodon-server.ts';

// Raw fetch, no Murmur code: the fakes must speak the platforms' formats on their own.
const graph = buildFakeGraph({
  edges: Array.from({ length: 120 }, (_, i) => [`f${i}`, 'hub'] as [string, string]),
});
let server: FakeServer | undefined;
afterEach(() => server?.close());

describe('fake Bluesky AppView', () => {
  it('pages getFollowers with an opaque cursor and publishes its rate limit', async () => {
    const bsky: FakeBluesky = await startFakeBluesky({
      graph,
      rateLimit: { limit: 3000, windowMs: 300_000 },
    });
    server = bsky;
    const url = `${bsky.url}/xrpc/app.bsky.graph.getFollowers?actor=userhub.bsky.test&limit=100`;
    const first = await fetch(url);
    const page = await first.json();
    expect(first.headers.get('ratelimit-policy')).toBe('3000;w=300');
    expect(first.headers.get('ratelimit-remaining')).toBe('2999');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(page.subject.handle).toBe('userhub.bsky.test');
    expect(page.followers).toHaveLength(100);
    expect(Object.keys(page.followers[0]).sort()).toEqual(
      ['avatar', 'createdAt', 'description', 'did', 'displayName', 'handle', 'indexedAt', 'labels'].sort(),
    );
    const last = await (await fetch(`${url}&cursor=${encodeURIComponent(page.cursor)}`)).json();
    expect(last.followers).toHaveLength(20);
    expect(last.cursor).toBeUndefined();
    const tooMany = await fetch(
      `${bsky.url}/xrpc/app.bsky.graph.getFollowers?actor=userhub.bsky.test&limit=101`,
    );
    expect(await tooMany.json()).toMatchObject({ error: 'InvalidRequest' });
  });

  it('answers 429 with Retry-After once the quota is spent, and counts requests sent while exhausted', async () => {
    server = await startFakeBluesky({ graph, rateLimit: { limit: 2, windowMs: 60_000 } });
    const url = `${server.url}/xrpc/app.bsky.actor.getProfile?actor=userhub.bsky.test`;
    await fetch(url);
    const second = await fetch(url);
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const third = await fetch(url);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await third.json()).toEqual({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
    expect(server.stats).toMatchObject({ requests: 3, tooManyRequests: 1, whileExhausted: 1 });
  });
});

describe('fake Mastodon instance', () => {
  it('paginates followers with Link headers and sends X-RateLimit headers with an ISO reset', async () => {
    const masto = await startFakeMastodon({ graph, rateLimit: { limit: 300, windowMs: 300_000 } });
    server = masto;
    const hub = graph.byName.get('userhub')!;
    const res = await fetch(`${masto.url}/api/v1/accounts/${masto.accountId(hub)}/followers?limit=80`);
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const link = res.headers.get('link')!;
    expect(link).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/accounts\/\d+\/followers\?limit=80&max_id=\d+>; rel="next", <.+min_id=\d+>; rel="prev"$/,
    );
    expect(await res.json()).toHaveLength(80);
    const next = await fetch(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    expect(await next.json()).toHaveLength(40);
    expect(next.headers.get('link')).not.toContain('rel="next"');
  });
});
