import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBluesky, startFakeBluesky } from '../../../test/fakes/bluesky-server.ts';
import { buildFakeGraph, seededRandom } from '../../../test/fakes/fake-graph.ts';
import type { FakeServerOptions } from '../../../test/fakes/fake-http.ts';
import { startFakeMastodon } from '../../../test/fakes/mastodon-server.ts';
import { createScaledClock } from '../../../test/fakes/scaled-clock.ts';
import { isCrawlError } from './crawl.errors.ts';
import { createFetcher, DEFAULT_USER_AGENT, type FetcherOptions } from './fetcher.ts';

const graph = buildFakeGraph({ edges: [['a', 'b']] });
let server: FakeBluesky | undefined;
afterEach(() => server?.close());

const setup = async (serverOptions: FakeServerOptions = {}, fetcherOptions: FetcherOptions = {}) => {
  server = await startFakeBluesky({ graph, ...serverOptions });
  const fetcher = createFetcher({ backoffBaseMs: 5, random: seededRandom(1), ...fetcherOptions });
  const profileUrl = `${server.url}/xrpc/app.bsky.actor.getProfile?actor=usera.bsky.test`;
  return { server, fetcher, profileUrl };
};

describe('fetcher', () => {
  it('sends the Murmur User-Agent by default, or the configured one', async () => {
    const { fetcher, profileUrl } = await setup();
    const { body } = await fetcher.getJson<{ handle: string }>(profileUrl);
    expect(body.handle).toBe('usera.bsky.test');
    await createFetcher({ userAgent: 'Test/1.0' }).getJson(profileUrl);
    expect([...server!.stats.userAgents]).toEqual([DEFAULT_USER_AGENT, 'Test/1.0']);
    expect(DEFAULT_USER_AGENT).toMatch(
      /^Murmur\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/murmur-crm\/murmur\)$/,
    );
  });

  it('backs off on 503s and HTML error pages and recovers', async () => {
    const { fetcher, profileUrl } = await setup({
      faults: [
        { at: 1, kind: 'unavailable' },
        { at: 2, kind: 'html' },
        { at: 3, kind: 'html', status: 200 },
      ],
    });
    const { body } = await fetcher.getJson<{ handle: string }>(profileUrl);
    expect(body.handle).toBe('usera.bsky.test');
    expect(fetcher.stats()).toMatchObject({ requests: 4, retries: 3, errors: 3, failures: 0 });
  });

  it('gives up after maxRetries with a typed error carrying status and a snippet of the page', async () => {
    const { fetcher, profileUrl } = await setup({ faults: [{ kind: 'html', times: 10 }] }, { maxRetries: 2 });
    const error = await fetcher.getJson(profileUrl).catch((e) => e);
    expect(isCrawlError(error, 'http_error')).toBe(true);
    expect(error).toMatchObject({ status: 502, snippet: expect.stringContaining('Bad Gateway') });
    expect(server!.stats.requests).toBe(3);
    expect(fetcher.stats()).toMatchObject({ requests: 3, retries: 2, failures: 1 });
  });

  it('does not retry 4xx or 501: 400 keeps the JSON error body, 404 is not_found', async () => {
    const { fetcher } = await setup();
    const missing = await fetcher
      .getJson(`${server!.url}/xrpc/app.bsky.actor.getProfile?actor=x`)
      .catch((e) => e);
    expect(missing).toMatchObject({ code: 'http_error', status: 400, body: { error: 'InvalidRequest' } });
    const unknown = await fetcher.getJson(`${server!.url}/xrpc/app.bsky.nothing`).catch((e) => e);
    expect(unknown).toMatchObject({ code: 'http_error', status: 501 });
    const masto = await startFakeMastodon({ graph });
    const gone = await fetcher.getJson(`${masto.url}/api/v1/accounts/lookup?acct=nobody`).catch((e) => e);
    await masto.close();
    expect(gone).toMatchObject({ code: 'not_found', status: 404, body: { error: 'Record not found' } });
    expect(fetcher.stats()).toMatchObject({ retries: 0, failures: 3 });
  });

  it('honours Retry-After on a 429 before trying again', async () => {
    const clock = createScaledClock({ speed: 20 });
    const { fetcher, profileUrl } = await setup(
      { clock, faults: [{ at: 1, kind: 'too_many', retryAfterSeconds: 3 }] },
      { clock },
    );
    const started = clock.now();
    await fetcher.getJson(profileUrl);
    expect(clock.now() - started).toBeGreaterThanOrEqual(3000);
    expect(fetcher.stats()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('fails fast with rate_limited and retryAt when Retry-After is beyond maxRetryAfterMs', async () => {
    const { fetcher, profileUrl } = await setup(
      { faults: [{ at: 1, kind: 'too_many', retryAfterSeconds: 3600 }] },
      { maxRetryAfterMs: 60_000 },
    );
    const error = await fetcher.getJson(profileUrl).catch((e) => e);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('times out slow responses, retries, and reports timeout when they stay slow', async () => {
    // A "slow" answer here never comes (an hour), so only the fetcher's timeout can end the
    // attempt; the timeout itself is generous so a healthy answer on a busy machine never trips it.
    const hang = 3_600_000;
    const { fetcher, profileUrl } = await setup(
      { faults: [{ at: 1, kind: 'slow', delayMs: hang }] },
      { timeoutMs: 1000 },
    );
    await fetcher.getJson(profileUrl);
    expect(fetcher.stats()).toMatchObject({ timeouts: 1, retries: 1 });

    server!.injectFault({ kind: 'slow', delayMs: hang });
    const patient = createFetcher({ backoffBaseMs: 1, timeoutMs: 3_600_000 });
    await patient.getJson(profileUrl, { timeoutMs: 1000 }); // a per-request timeout
    expect(patient.stats()).toMatchObject({ timeouts: 1, retries: 1, failures: 0 });

    server!.injectFault({ kind: 'slow', delayMs: hang });
    const strict = createFetcher({ maxRetries: 0, timeoutMs: 1000 });
    await expect(strict.getJson(profileUrl)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('retries connection errors and then reports network_error', async () => {
    const { fetcher, profileUrl } = await setup({}, { maxRetries: 2 });
    await server!.close();
    await expect(fetcher.getJson(profileUrl)).rejects.toMatchObject({ code: 'network_error' });
    expect(fetcher.stats()).toMatchObject({ requests: 3, retries: 2 });
    server = undefined;
  });

  it("stops waiting when the caller's signal aborts", async () => {
    const { fetcher, profileUrl } = await setup({
      faults: [{ at: 1, kind: 'too_many', retryAfterSeconds: 30 }],
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(fetcher.getJson(profileUrl, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
