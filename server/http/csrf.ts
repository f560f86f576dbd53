import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bearerTokenOf } from './auth-context.ts';

/** The header the web app's tRPC client sends; a cross-site form cannot set it. */
export const csrfHeader = 'x-murmur-client';

/**
 * Cookie-authenticated writes must come from our own pages: the Origin, when sent, must be
 * this server, and the custom header must be present (browsers only allow it same-origin,
 * since we answer no CORS preflight). Bearer-token calls carry no ambient credentials.
 */
export function csrfProtection(): MiddlewareHandler {
  return async function csrf(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    // Only a well-formed Bearer token skips the check; auth-context then uses it and nothing else.
    if (bearerTokenOf(c.req.header('authorization'))) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        throw new HTTPException(403, { message: 'Cross-site request refused.' });
      }
      if (originHost !== c.req.header('host'))
        throw new HTTPException(403, { message: 'Cross-site request refused.' });
    } else if (origin === 'null') {
      throw new HTTPException(403, { message: 'Cross-site request refused.' });
    }
    if (!c.req.header(csrfHeader)) {
      throw new HTTPException(403, { message: `Cross-site request refused: missing ${csrfHeader} header.` });
    }
    return next();
  };
}
