/**
 * Reading the servers' own rate-limit headers into one shape.
 *
 *   parseRateLimitHeaders(headers, now): RateLimitSnapshot | null
 *   parseRetryAfter(value, now): number | null      // epoch ms
 *
 * Bluesky (atproto) sends `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (unix seconds)
 * and `RateLimit-Policy: "3000;w=300"`. Mastodon sends `X-RateLimit-Limit`, `X-RateLimit-Remaining`
 * and `X-RateLimit-Reset` as an ISO 8601 timestamp. Some IETF drafts send Reset as delta seconds;
 * small numbers are read that way.
 */

export type RateLimitSnapshot = {
  limit?: number;
  remaining?: number;
  /** When the current window ends (epoch ms). */
  resetAt?: number;
  /** Window length from `RateLimit-Policy` (ms). */
  windowMs?: number;
};

const UNIX_SECONDS_FLOOR = 1e9; // 2001-09-09: anything smaller is a delta, not a timestamp

const int = (value: string | null): number | undefined => {
  if (value === null) return undefined;
  const n = Number.parseInt(value.trim(), 10);
  return Number.isFinite(n) ? n : undefined;
};

export const parseResetValue = (value: string | null, now: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n >= UNIX_SECONDS_FLOOR ? n * 1000 : now + n * 1000;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
};

/** `"3000;w=300"` or `"default";q=3000;w=300` → limit and window. */
export const parsePolicy = (value: string | null): { limit?: number; windowMs?: number } => {
  if (!value) return {};
  const first = value.split(',')[0] ?? '';
  const parts = first.split(';').map((p) => p.trim());
  let limit: number | undefined;
  let windowMs: number | undefined;
  for (const part of parts) {
    const [key, raw] = part.includes('=') ? part.split('=', 2) : ['', part];
    const n = Number(raw);
    if (!Number.isFinite(n)) continue;
    if (key === 'w') windowMs = n * 1000;
    else if (key === 'q' || key === '') limit = n;
  }
  return { limit, windowMs };
};

export const parseRateLimitHeaders = (headers: Headers, now: number): RateLimitSnapshot | null => {
  const pick = (name: string) => headers.get(`ratelimit-${name}`) ?? headers.get(`x-ratelimit-${name}`);
  const policy = parsePolicy(headers.get('ratelimit-policy'));
  const snapshot: RateLimitSnapshot = {
    limit: int(pick('limit')) ?? policy.limit,
    remaining: int(pick('remaining')),
    resetAt: parseResetValue(pick('reset'), now),
    windowMs: policy.windowMs,
  };
  if (snapshot.remaining === undefined && snapshot.limit === undefined) return null;
  return snapshot;
};

/** `Retry-After` is either delta seconds or an HTTP date. */
export const parseRetryAfter = (value: string | null, now: number): number | null => {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return now + Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
};
