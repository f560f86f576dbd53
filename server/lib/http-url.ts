/**
 * Web addresses Murmur stores and renders as links: only http(s). A `javascript:` or `data:`
 * URL from a crawled profile or a form would become a link that runs script when clicked.
 */
import { z } from 'zod';

/** True for an absolute http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The text when it is an http(s) URL, else undefined (for data from remote servers). */
export function httpUrlOrUndefined(text: string | null | undefined): string | undefined {
  return text && isHttpUrl(text) ? text : undefined;
}

/** zod schema for an http(s) URL typed by a user. */
export const httpUrl = (message = 'Enter a web address starting with http:// or https://.') =>
  z.string().trim().max(2000).refine(isHttpUrl, message);
