import { describe, expect, it } from 'vitest';
import { startFakeBluesky } from '../../../test/fakes/bluesky-server.ts';
import { buildFakeGraph } from '../../../test/fakes/fake-graph.ts';
import type { FakeServer } from '../../../test/fakes/fake-http.ts';
import { startFakeMastodon } from '../../../test/fakes/mastodon-server.ts';
import { createScaledClock } from '../../../test/fakes/scaled-clock.ts';
import { createFetcher, type Fetcher } from './fetcher.ts';
import { parsePolicy, parseRateLimitHeaders, parseRetryAfter } from './rate-limit-headers.ts';

const graph = buildFakeGraph({ edges: [['a', 'b']] });

/** `total` requests from `concurrency` workers. */
const hammer = async (fetcher: Fetcher, url: string, total: number, concurrency: number) => {
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      issued += 1;
      await fetcher.getJson(url);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

const noRateLimitBreaches = (server: FakeServer) =>
  expect(server.stats).toMatchObject({ tooManyRequests: 0, whileExhausted: 0 });

describe('rate-limit headers', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads Bluesky unix-second resets and the policy window', () => {
    const headers = new Headers({
      'ratelimit-limit': '3000',
      'ratelimit-remaining': '2999',
      'ratelimit-reset': String(now / 1000 + 300),
      'ratelimit-policy': '3000;w=300',
    });
    expect(parseRateLimitHeaders(headers, now)).toEqual({
      limit: 3000,
      remaining: 2999,
      resetAt: now + 300_000,
      windowMs: 300_000,
    });
    expect(parsePolicy('"default";q=100;w=60')).toEqual({ limit: 100, windowMs: 60_000 });
  });

  it('reads Mastodon ISO 8601 resets, and Retry-After as seconds or an HTTP date', () => {
    const headers = new Headers({
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-01-01T00:05:00.000Z',
    });
    expect(parseRateLimitHeaders(headers, now)).toMatchObject({
      limit: 300,
      remaining: 0,
      resetAt: now + 300_000,
    });
    expect(parseRateLimitHeaders(new Headers(), now)).toBeNull();
    expect(parseRetryAfter('120', now)).toBe(now + 120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(now + 60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('fetcher pacing against published quotas', () => {
  it('never sends to Bluesky while remaining is 0, waiting for the reset instead', async () => {
    const clock = createScaledClock({ speed: 50 });
    const server = await startFakeBluesky({ graph, clock, rateLimit: { limit: 30, windowMs: 10_000 } });
    try {
      const fetcher = createFetcher({ clock });
      const url = `${server.url}/xrpc/app.bsky.actor.getProfile?actor=usera.bsky.test`;
      await hammer(fetcher, url, 75, 4);
      noRateLimitBreaches(server);
      expect(server.stats.requests).toBe(75);
      // 75 requests at 30 per window, none refused: the client waited for at least two resets
      // (more windows when a loaded machine is slower than the scaled clock).
      expect(server.stats.quotaWindows).toBeGreaterThanOrEqual(3);
      expect(fetcher.stats()).toMatchObject({ rateLimited: 0, retries: 0 });
    } finally {
      await server.close();
    }
  });

  it('never sends to Mastodon while remaining is 0 (ISO reset headers)', async () => {
    const clock = createScaledClock({ speed: 50 });
    const server = await startFakeMastodon({ graph, clock, rateLimit: { limit: 20, windowMs: 10_000 } });
    try {
      const fetcher = createFetcher({ clock });
      const url = `${server.url}/api/v1/accounts/lookup?acct=usera`;
      await hammer(fetcher, url, 50, 3);
      noRateLimitBreaches(server);
      expect(server.stats.requests).toBe(50);
    } finally {
      await server.close();
    }
  });

  it('waits for the window reset and then carries on, across a reset, without a single 429', async () => {
    // How much of the quota the client uses is a speed measure, so it lives in `npm run
    // bench:crawl`; here only the behaviour: the second window's requests wait for the reset.
    const clock = createScaledClock({ speed: 40 });
    const windowMs = 60_000;
    const server = await startFakeBluesky({ graph, clock, rateLimit: { limit: 60, windowMs } });
    try {
      const fetcher = createFetcher({ clock });
      const url = `${server.url}/xrpc/app.bsky.actor.getProfile?actor=usera.bsky.test`;
      await hammer(fetcher, url, 120, 4);
      noRateLimitBreaches(server);
      expect(server.stats.requests).toBe(120);
      // The second 60 went into a second window: they waited for the reset.
      expect(server.stats.quotaWindows).toBeGreaterThanOrEqual(2);
      expect(fetcher.stats()).toMatchObject({ rateLimited: 0, retries: 0 });
    } finally {
      await server.close();
    }
  });

  it('fails fast with rate_limited and retryAt when the quota resets later than the caller will wait', async () => {
    const clock = createScaledClock({ speed: 1 });
    const server = await startFakeMastodon({ graph, clock, rateLimit: { limit: 1, windowMs: 300_000 } });
    try {
      const fetcher = createFetcher({ clock, maxRetryAfterMs: 60_000 });
      const url = `${server.url}/api/v1/accounts/lookup?acct=usera`;
      await fetcher.getJson(url);
      const error = await fetcher.getJson(url).catch((e) => e);
      expect(error).toMatchObject({ code: 'rate_limited' });
      expect(error.retryAt).toBeGreaterThan(clock.now() + 250_000);
      expect(server.stats.requests).toBe(1);
    } finally {
      await server.close();
    }
  });
});
