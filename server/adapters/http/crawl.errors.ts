/**
 * The crawler's one error type. Every failure that leaves `server/adapters/http` or
 * `server/adapters/platforms` is a `CrawlError` with a string-literal `code`, so the crawl job can
 * decide per code: skip the account (`not_found`, `hidden_collection`), park the job until later
 * (`rate_limited`), or record a failure (everything else). The original error stays in `cause`.
 */
import { AppError } from '../../lib/app-error.ts';

export type CrawlErrorCode =
  | 'rate_limited' // 429s kept coming after the retry budget was spent
  | 'http_error' // a non-retryable 4xx, or a 5xx after the retry budget
  | 'not_found' // the account or resource does not exist (404, Bluesky "Profile not found")
  | 'hidden_collection' // the owner hides followers/follows (Mastodon hide_collections)
  | 'timeout' // no complete response within the per-request timeout, after retries
  | 'network_error' // connection refused/reset, DNS failure, after retries
  | 'bad_response' // not JSON (an HTML error page) or not the expected shape
  | 'aborted' // the caller's AbortSignal fired
  | 'invalid_input'; // a handle, cursor or URL the connector cannot use

export type CrawlErrorDetails = {
  status?: number;
  url?: string;
  /** The first few hundred characters of the response body, for logs. */
  snippet?: string;
  /** For `rate_limited`: when the host said we may try again (epoch ms). */
  retryAt?: number;
  /** The parsed JSON error body, when there was one (e.g. Bluesky `{error, message}`). */
  body?: unknown;
  cause?: unknown;
};

export class CrawlError extends AppError<CrawlErrorCode> {
  readonly status?: number;
  readonly url?: string;
  readonly snippet?: string;
  readonly retryAt?: number;
  readonly body?: unknown;

  constructor(code: CrawlErrorCode, message: string, details: CrawlErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.url = details.url;
    this.snippet = details.snippet;
    this.retryAt = details.retryAt;
    this.body = details.body;
  }
}

export const isCrawlError = (error: unknown, code?: CrawlErrorCode): error is CrawlError =>
  error instanceof CrawlError && (code === undefined || error.code === code);
