export { type Clock, sleepReal, systemClock } from './clock.ts';
export { CrawlError, type CrawlErrorCode, type CrawlErrorDetails, isCrawlError } from './crawl.errors.ts';
export {
  createFetcher,
  DEFAULT_USER_AGENT,
  type Fetcher,
  type FetcherOptions,
  type FetcherStats,
  type JsonResponse,
  type RequestOptions,
} from './fetcher.ts';
export {
  parsePolicy,
  parseRateLimitHeaders,
  parseResetValue,
  parseRetryAfter,
  type RateLimitSnapshot,
} from './rate-limit-headers.ts';
export {
  createRateLimiter,
  type HostLimitState,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.ts';
