import { AppError } from '../lib/app-error.ts';

/** A crawl asked to change state when it cannot (the fetch failures are `CrawlError`, in adapters/http). */
export type CrawlStateErrorCode = 'already_running' | 'not_running' | 'not_paused';

export class CrawlStateError extends AppError<CrawlStateErrorCode> {}
