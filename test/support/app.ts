/** An in-process Murmur app over a test database, with helpers that act as a browser or API client would. */
import pino from 'pino';
import { createUserFromCli } from '../../server/cli/user-create.ts';
import type { Database } from '../../server/db/client.ts';
import { createApp } from '../../server/http/app.ts';
import type { Queue } from '../../server/jobs/queue.ts';

export const testSecret = 'test-secret-that-is-long-enough-0123456789';

export function createTestApp(database: Database, options: { maxBodyBytes?: number; queue?: Queue } = {}) {
  return createApp({ database, secret: testSecret, logger: pino({ level: 'silent' }), ...options });
}

type App = ReturnType<typeof createTestApp>;

export type Caller = {
  cookie?: string;
  bearer?: string;
};

/** POSTs a tRPC mutation or GETs a query as our web client would, returning status and body. */
export async function trpcCall(
  app: App,
  who: Caller,
  path: string,
  input?: unknown,
  method: 'query' | 'mutation' = 'mutation',
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-murmur-client': 'test' };
  if (who.cookie) headers.cookie = who.cookie;
  if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
  const url =
    method === 'query'
      ? `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `/trpc/${path}`;
  const response = await app.request(url, {
    method: method === 'query' ? 'GET' : 'POST',
    headers,
    body: method === 'mutation' ? JSON.stringify(input ?? {}) : undefined,
  });
  const body = (await response.json()) as {
    result?: { data: unknown };
    error?: { message: string; data?: { code: string; httpStatus?: number } };
  };
  return { status: response.status, body, data: body.result?.data as never, response };
}

export function sessionCookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = header.match(/murmur_session=([^;]+)/);
  if (!match) throw new Error(`no session cookie in: ${header}`);
  return `murmur_session=${match[1]}`;
}

/** Creates a user in a workspace (as the CLI does) and signs them in. */
export async function userInWorkspace(
  app: App,
  database: Database,
  options: { email: string; workspace: string; role?: 'viewer' | 'member' | 'admin' | 'owner' },
): Promise<Caller> {
  const password = 'long enough password';
  await createUserFromCli(database.db, {
    email: options.email,
    password,
    workspace: options.workspace,
    role: options.role,
  });
  const signIn = await trpcCall(app, {}, 'auth.signIn', { email: options.email, password });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signIn.body)}`);
  return { cookie: sessionCookieFrom(signIn.response) };
}
