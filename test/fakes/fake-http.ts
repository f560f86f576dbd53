/**
 * The part the fake Bluesky and Mastodon servers share: a real node:http server on 127.0.0.1
 * (port 0) with a fixed-window request quota, fault injection and counters. Each platform
 * supplies its routes and the way it spells rate-limit headers.
 *
 *   const server = await startFakeHttp({ rateLimit, faults, clock }, { route, limitHeaders, tooManyBody });
 *   server.url; server.stats; server.injectFault({ kind: 'unavailable' }); await server.close();
 *
 * Faults fire on the `at`-th request (1-based, counted over all requests), or on the next
 * request whose path contains `path`, `times` times (default once): `unavailable` is a 503 JSON
 * error, `html` an HTML error page (status 502 unless given), `slow` answers after `delayMs` real
 * ms, `too_many` a 429 with `Retry-After` (seconds, default 1).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../server/adapters/http/clock.ts';

export type FakeFaultKind = 'unavailable' | 'html' | 'slow' | 'too_many';
export type FakeFault = {
  kind: FakeFaultKind;
  at?: number;
  path?: string;
  times?: number;
  status?: number;
  delayMs?: number;
  retryAfterSeconds?: number;
};

export type FakeRateLimitPolicy = { limit: number; windowMs: number };
export type QuotaState = { limit: number; remaining: number; resetAt: number; windowMs: number };

export type FakeStats = {
  requests: number;
  byPath: Record<string, number>;
  /** 429 responses sent, injected ones included. */
  tooManyRequests: number;
  /** Requests that arrived while the quota's remaining count was already 0. */
  whileExhausted: number;
  /** Requests that arrived while the unpublished paging quota was spent. */
  pagingWhileExhausted: number;
  faultsInjected: number;
  maxInFlight: number;
  userAgents: Set<string>;
  /** When each request arrived, on the server's clock (for the busiest window of a benchmark). */
  arrivals: number[];
  /** Rate-limit windows the published quota opened (a new one opens with the first request after a reset). */
  quotaWindows: number;
};

export type FakeServerOptions = {
  clock?: Clock;
  /** null or absent: no quota and no rate-limit headers. */
  rateLimit?: FakeRateLimitPolicy | null;
  /**
   * A second quota for paginated requests that successful responses never mention, as
   * Mastodon's unauthenticated paging throttle (300 per 15 minutes); only its 429 tells.
   */
  pagingRateLimit?: FakeRateLimitPolicy | null;
  faults?: FakeFault[];
};

export type FakeRequest = {
  path: string;
  query: URLSearchParams;
  baseUrl: string;
  method?: string;
  /** Lower-cased request headers (authorization, content-type). */
  headers?: Record<string, string | string[] | undefined>;
  /** The request body as text, for POST routes. */
  body?: string;
};
export type FakeResponse = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of `body` as JSON (malformed JSON, for hostile servers). */
  rawBody?: string;
};

export type FakePlatform = {
  route(request: FakeRequest): FakeResponse;
  limitHeaders(quota: QuotaState): Record<string, string>;
  /** Whether a request counts against `pagingRateLimit`. */
  isPaging?(query: URLSearchParams): boolean;
  tooManyBody: unknown;
};

export type FakeServer = {
  url: string;
  stats: FakeStats;
  injectFault(fault: FakeFault): void;
  close(): Promise<void>;
};

const HTML_PAGE =
  '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

export const startFakeHttp = async (
  options: FakeServerOptions,
  platform: FakePlatform,
): Promise<FakeServer> => {
  const clock = options.clock ?? systemClock;
  const faults: FakeFault[] = (options.faults ?? []).map((f) => ({ ...f }));
  const stats: FakeStats = {
    requests: 0,
    byPath: {},
    tooManyRequests: 0,
    whileExhausted: 0,
    pagingWhileExhausted: 0,
    faultsInjected: 0,
    maxInFlight: 0,
    userAgents: new Set(),
    arrivals: [],
    quotaWindows: 0,
  };
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  /** A fixed window that opens with the first request after the last one closed. */
  const createQuota = (policy: FakeRateLimitPolicy | null, onOpen = () => {}) => {
    let quota: QuotaState | null = null;
    return (): { allowed: boolean; quota: QuotaState | null } => {
      if (!policy) return { allowed: true, quota: null };
      const now = clock.now();
      if (!quota || now >= quota.resetAt) {
        const { limit, windowMs } = policy;
        quota = { limit, remaining: limit, resetAt: now + windowMs, windowMs };
        onOpen();
      }
      if (quota.remaining <= 0) return { allowed: false, quota };
      quota.remaining -= 1;
      return { allowed: true, quota };
    };
  };
  const takeQuota = createQuota(options.rateLimit ?? null, () => {
    stats.quotaWindows += 1;
  });
  const takePagingQuota = createQuota(options.pagingRateLimit ?? null);

  const takeFault = (path: string): FakeFault | undefined => {
    const index = faults.findIndex((f) =>
      f.at !== undefined ? f.at === stats.requests : path.includes(f.path ?? ''),
    );
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(index, 1);
    stats.faultsInjected += 1;
    return fault;
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string>) => {
    res.writeHead(status, headers);
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, baseUrl: string, body: string) => {
    const url = new URL(req.url ?? '/', baseUrl);
    stats.requests += 1;
    stats.arrivals.push(clock.now());
    stats.byPath[url.pathname] = (stats.byPath[url.pathname] ?? 0) + 1;
    stats.userAgents.add(req.headers['user-agent'] ?? '');
    const taken = takeQuota();
    const limitHeaders = taken.quota ? platform.limitHeaders(taken.quota) : {};
    const json = { 'content-type': 'application/json; charset=utf-8', ...limitHeaders };
    const tooMany = (seconds: number) => {
      stats.tooManyRequests += 1;
      send(res, 429, JSON.stringify(platform.tooManyBody), { ...json, 'retry-after': String(seconds) });
    };
    if (!taken.allowed) {
      stats.whileExhausted += 1;
      return tooMany(Math.max(1, Math.ceil((taken.quota!.resetAt - clock.now()) / 1000)));
    }
    const paging = platform.isPaging?.(url.searchParams) ? takePagingQuota() : null;
    if (paging && !paging.allowed) {
      // Like Mastodon's throttled responder: that throttle's headers, no Retry-After.
      stats.tooManyRequests += 1;
      stats.pagingWhileExhausted += 1;
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        ...platform.limitHeaders(paging.quota!),
      };
      return send(res, 429, JSON.stringify(platform.tooManyBody), headers);
    }
    const fault = takeFault(url.pathname);
    if (fault?.kind === 'too_many') return tooMany(fault.retryAfterSeconds ?? 1);
    if (fault?.kind === 'unavailable') {
      return send(res, fault.status ?? 503, JSON.stringify({ error: 'ServiceUnavailable' }), json);
    }
    if (fault?.kind === 'html') {
      return send(res, fault.status ?? 502, HTML_PAGE, { 'content-type': 'text/html', ...limitHeaders });
    }
    const response = platform.route({
      path: url.pathname,
      query: url.searchParams,
      baseUrl,
      method: req.method,
      headers: req.headers,
      body,
    });
    const reply = () =>
      send(res, response.status, response.rawBody ?? JSON.stringify(response.body), {
        ...json,
        ...response.headers,
      });
    if (fault?.kind !== 'slow') return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) reply();
    }, fault.delayMs ?? 2000);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, baseUrl, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        send(res, 500, JSON.stringify({ error: 'InternalServerError', message: String(error) }), {
          'content-type': 'application/json',
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    stats,
    injectFault: (fault) => faults.push({ ...fault }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
