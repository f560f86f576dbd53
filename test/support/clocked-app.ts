/** A test app whose clock the test moves, and calls that come from a chosen client address. */
import pino from 'pino';
import type { Database } from '../../server/db/client.ts';
import { createApp } from '../../server/http/app.ts';
import { type Caller, testSecret } from './app.ts';

export function createClockedApp(database: Database, start = new Date('2026-03-02T09:00:00Z')) {
  let now = start.getTime();
  const app = createApp({
    database,
    secret: testSecret,
    logger: pino({ level: 'silent' }),
    now: () => new Date(now),
  });
  const clock = {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
  return { app, clock };
}

type App = ReturnType<typeof createApp>;

/**
 * Like `trpcCall`, from a given client address (what the Node adapter would read off the
 * socket), optionally without the web client's CSRF header or with raw headers.
 */
export async function callFrom(
  app: App,
  who: Caller & { ip?: string; headers?: Record<string, string>; csrfHeader?: boolean },
  path: string,
  input?: unknown,
  method: 'query' | 'mutation' = 'mutation',
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who.csrfHeader !== false) headers['x-murmur-client'] = 'test';
  if (who.cookie) headers.cookie = who.cookie;
  if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
  Object.assign(headers, who.headers);
  const url =
    method === 'query'
      ? `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `/trpc/${path}`;
  const env = { incoming: { socket: { remoteAddress: who.ip ?? '192.0.2.1', remotePort: 40000 } } };
  const response = await app.request(
    url,
    {
      method: method === 'query' ? 'GET' : 'POST',
      headers,
      body: method === 'mutation' ? JSON.stringify(input ?? {}) : undefined,
    },
    env,
  );
  const text = await response.text();
  let body: { result?: { data: unknown }; error?: { message: string; data?: { code: string } } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON answers (e.g. a proxy error) are kept as text for assertions.
  }
  return { status: response.status, body, text, data: body.result?.data as never, response };
}
