import type { Context as HonoContext } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import { authFromApiKey, authFromSessionToken } from '../auth/session.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Queue } from '../jobs/queue.ts';
import { type ContextInner, createContextInner } from '../trpc/context.ts';

export const sessionCookie = 'murmur_session';

/**
 * The Bearer token of an `Authorization` header, or null when the header is absent or not a
 * single Bearer token. CSRF and authentication both use this, so the header that lets a
 * request skip the CSRF check is exactly the credential it is authenticated with.
 */
export function bearerTokenOf(header: string | undefined): string | null {
  return header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1] ?? null;
}

export type RequestContextDeps = {
  db: Db;
  secret: string;
  secureCookies: boolean;
  now?: () => Date;
  queue?: Queue;
  config?: Config;
};

/** Turns an HTTP request into the tRPC context: who is asking (cookie or Bearer key), and a cookie jar. */
export async function contextFromRequest(
  c: HonoContext,
  resHeaders: Headers,
  deps: RequestContextDeps,
  ip: string,
): Promise<ContextInner> {
  const now = deps.now ?? (() => new Date());
  const authorization = c.req.header('authorization');
  const bearer = bearerTokenOf(authorization);
  const cookie = getCookie(c, sessionCookie);
  // Any Authorization header is the only credential considered: a bad one never falls back
  // to the cookie, which would be cookie authentication without the CSRF check.
  const auth =
    authorization !== undefined
      ? bearer
        ? await authFromApiKey(deps.db, deps.secret, bearer, now())
        : null
      : cookie
        ? await authFromSessionToken(deps.db, deps.secret, cookie, now())
        : null;
  const secure =
    deps.secureCookies ||
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto') === 'https';
  return createContextInner({
    db: deps.db,
    secret: deps.secret,
    queue: deps.queue,
    config: deps.config,
    auth,
    now,
    ip,
    cookies: {
      // tRPC builds its own Response, so cookies go on the headers it hands us.
      setSession(token, expiresAt) {
        const options = { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt } as const;
        resHeaders.append('set-cookie', serialize(sessionCookie, token, options));
      },
      clearSession() {
        const options = { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 0 } as const;
        resHeaders.append('set-cookie', serialize(sessionCookie, '', options));
      },
    },
  });
}
