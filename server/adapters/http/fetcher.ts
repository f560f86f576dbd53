/**
 * A polite JSON-over-HTTP client for crawling public APIs, one rate-limit state per host.
 *
 *   const fetcher = createFetcher({ userAgent, timeoutMs: 15_000, maxRetries: 5, clock });
 *   const { body, headers } = await fetcher.getJson<T>(url, { signal, timeoutMs });
 *   fetcher.stats(); // { requests, retries, rateLimited, errors, failures, timeouts, waitedMs }
 *
 * Spends each host's published quota evenly and never sends while it is exhausted (see
 * `rate-limiter.ts`); waits out `Retry-After` on 429; retries 5xx, 408, timeouts, connection
 * errors and non-JSON bodies (HTML error pages) with exponential backoff and jitter, up to
 * `maxRetries`; fails at once with `not_found` on 404/410 and `http_error` on other 4xx. Every
 * failure is a `CrawlError` (see `crawl.errors.ts`). It does not parse platform payloads.
 * A wait longer than `maxRetryAfterMs` (a far Retry-After or quota reset) is not sat out: it
 * fails with `rate_limited` and `retryAt`, so a job can park itself. Fetchers that should share
 * one quota per host (several workers, one IP) share a `limiter`.
 */

import packageJson from '../../../package.json' with { type: 'json' };
import { safeDeep, safeText } from '../../lib/safe-text.ts';
import { type Clock, systemClock } from './clock.ts';
import { CrawlError, type CrawlErrorCode, isCrawlError } from './crawl.errors.ts';
import { parseRateLimitHeaders, parseRetryAfter } from './rate-limit-headers.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';

export const DEFAULT_USER_AGENT = `Murmur/${packageJson.version} (+https://github.com/murmur-crm/murmur)`;

export type FetcherOptions = {
  userAgent?: string;
  /** Per attempt, headers and body together. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts, network errors and HTML bodies. */
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * A wait longer than this, for a 429's Retry-After or for an exhausted quota to reset, fails
   * at once with `rate_limited` and `retryAt` instead (default 15 minutes).
   */
  maxRetryAfterMs?: number;
  maxConcurrentPerHost?: number;
  clock?: Clock;
  /** In [0, 1), for backoff jitter; pass a seeded one in tests. */
  random?: () => number;
  fetch?: typeof fetch;
  /** Share one limiter between fetchers (e.g. one per crawl slice) so they respect one quota per host. */
  limiter?: RateLimiter;
};

export type RequestOptions = {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** A JSON body sent with POST (an XRPC procedure such as createSession); GET when absent. */
  postJson?: unknown;
};

export type JsonResponse<T = unknown> = { status: number; url: string; headers: Headers; body: T };

export type FetcherStats = {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
  /** Attempts that failed in any way (error status, timeout, network, bad body). */
  errors: number;
  /** `getJson` calls that finally threw. */
  failures: number;
  timeouts: number;
  /** Time spent waiting for the rate limiter, in clock ms. */
  waitedMs: number;
};

export type Fetcher = {
  getJson<T = unknown>(url: string | URL, options?: RequestOptions): Promise<JsonResponse<T>>;
  stats(): FetcherStats;
  readonly limiter: RateLimiter;
};

type Failure = { ok: false; error: CrawlError; retryAt?: number };
type Attempt = { ok: true; response: JsonResponse } | Failure;

const SNIPPET_LENGTH = 240;
const snippetOf = (text: string) => safeText(text).replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH);

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    // Remote text goes into the database and into error messages that are stored as JSON:
    // NUL and lone surrogates (legal in JSON, refused by PostgreSQL) never get past here.
    return { ok: true, value: safeDeep(JSON.parse(text)) };
  } catch {
    return { ok: false };
  }
};

export const createFetcher = ({
  userAgent = DEFAULT_USER_AGENT,
  timeoutMs = 15_000,
  maxRetries = 5,
  backoffBaseMs = 500,
  backoffMaxMs = 60_000,
  maxRetryAfterMs = 15 * 60_000,
  maxConcurrentPerHost = 8,
  clock = systemClock,
  random = Math.random,
  fetch: fetchImpl = globalThis.fetch,
  limiter: sharedLimiter,
}: FetcherOptions = {}): Fetcher => {
  const limiter = sharedLimiter ?? createRateLimiter({ clock, maxConcurrentPerHost });
  const counters: FetcherStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    errors: 0,
    failures: 0,
    timeouts: 0,
    waitedMs: 0,
  };

  const backoff = (attempt: number) => {
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
    return ceiling / 2 + random() * (ceiling / 2);
  };

  const attemptOnce = async (url: URL, host: string, options: RequestOptions): Promise<Attempt> => {
    // One controller and one cleared timer per attempt: AbortSignal.timeout/any leave timers
    // and listeners behind, which adds up over millions of requests.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs ?? timeoutMs);
    const onCallerAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const fail = (code: CrawlErrorCode, message: string, extra: Record<string, unknown> = {}): Failure => ({
      ok: false,
      error: new CrawlError(code, `adapters/http: ${message} (${url.href})`, { url: url.href, ...extra }),
    });
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const post = options.postJson !== undefined;
      const response = await fetchImpl(url, {
        method: post ? 'POST' : 'GET',
        body: post ? JSON.stringify(options.postJson) : undefined,
        headers: {
          accept: 'application/json',
          'user-agent': userAgent,
          ...(post ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        signal: controller.signal,
      });
      status = response.status;
      headers = response.headers;
      limiter.observe(host, parseRateLimitHeaders(headers, clock.now()));
      text = await response.text();
    } catch (cause) {
      if (options.signal?.aborted)
        throw new CrawlError('aborted', 'adapters/http: aborted', { url: url.href, cause });
      if (timedOut) {
        counters.timeouts += 1;
        return fail('timeout', `no response within ${options.timeoutMs ?? timeoutMs} ms`, { cause });
      }
      return fail('network_error', `request failed: ${(cause as Error).message}`, { cause });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      limiter.release(host);
    }

    const json = parseJson(text);
    const details = { status, snippet: snippetOf(text), body: json.ok ? json.value : undefined };
    if (status >= 200 && status < 300) {
      if (json.ok) return { ok: true, response: { status, url: url.href, headers, body: json.value } };
      return fail(
        'bad_response',
        `expected JSON, got ${headers.get('content-type') ?? 'no content type'}`,
        details,
      );
    }
    if (status === 429) {
      counters.rateLimited += 1;
      const now = clock.now();
      const snapshot = parseRateLimitHeaders(headers, now);
      const retryAt = parseRetryAfter(headers.get('retry-after'), now) ?? snapshot?.resetAt;
      return { ...fail('rate_limited', 'HTTP 429', { ...details, retryAt }), retryAt };
    }
    if (status === 404 || status === 410) return fail('not_found', `HTTP ${status}`, details);
    return fail('http_error', `HTTP ${status}`, details);
  };

  const retryable = (error: CrawlError) =>
    error.code === 'timeout' ||
    error.code === 'network_error' ||
    error.code === 'bad_response' ||
    error.code === 'rate_limited' ||
    (error.code === 'http_error' &&
      (error.status === 408 || ((error.status ?? 0) >= 500 && error.status !== 501)));

  return {
    limiter,
    stats: () => ({ ...counters }),

    async getJson<T>(input: string | URL, options: RequestOptions = {}) {
      const url = new URL(input);
      const host = url.host;
      for (let attempt = 0; ; attempt += 1) {
        try {
          counters.waitedMs += await limiter.acquire(host, options.signal, maxRetryAfterMs);
        } catch (cause) {
          counters.failures += 1;
          if (isCrawlError(cause, 'rate_limited')) throw cause;
          throw new CrawlError('aborted', 'adapters/http: aborted while waiting for the rate limit', {
            cause,
          });
        }
        counters.requests += 1;
        const result = await attemptOnce(url, host, options).catch((error: CrawlError) => {
          counters.failures += 1;
          throw error;
        });
        if (result.ok) return result.response as JsonResponse<T>;

        counters.errors += 1;
        const { error } = result;
        const now = clock.now();
        const tooLong = result.retryAt !== undefined && result.retryAt - now > maxRetryAfterMs;
        if (!retryable(error) || attempt >= maxRetries || tooLong) {
          counters.failures += 1;
          throw error;
        }
        counters.retries += 1;
        if (error.code === 'rate_limited') {
          limiter.blockUntil(host, result.retryAt ?? now + backoff(attempt));
          continue;
        }
        try {
          await clock.sleep(backoff(attempt), options.signal);
        } catch (cause) {
          counters.failures += 1;
          throw new CrawlError('aborted', 'adapters/http: aborted during backoff', { url: url.href, cause });
        }
      }
    },
  };
};
