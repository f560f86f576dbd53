/**
 * Issue 8: an internal error says nothing about its insides. A NUL in a request answers 400 (it
 * used to reach the query and come back as a 500 quoting the SQL and its bound values); an error
 * nobody expected answers a generic message with a request id, and the log line with that id
 * holds neither Drizzle's "params:" nor a password hash or key HMAC.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/adapters/logger.ts';
import type { Database } from '../server/db/client.ts';
import { createApp } from '../server/http/app.ts';
import { type Caller, testSecret, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('internal errors on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let owner: Caller;
  const lines: string[] = [];
  const logged = () => lines.join('');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = createApp({ database, secret: testSecret, logger: createLogger('info', sink) });
    owner = await userInWorkspace(app, database, { email: 'o@e.test', workspace: 'E', role: 'owner' });
  });
  afterAll(() => database?.close());

  it('answers text with a NUL or a lone surrogate with 400 naming the field, from queries and mutations', async () => {
    const search = await trpcCall(app, owner, 'contacts.list', { search: 'a\u0000b' }, 'query');
    expect(search.status).toBe(400);
    expect(search.body.error?.message).toMatch(/^search: .*NUL/);
    const member = await trpcCall(app, owner, 'workspaces.create', { name: 'Nul\u0000Name' });
    expect(member.status).toBe(400);
    expect(member.body.error?.message).toMatch(/^name: /);
    const surrogate = await trpcCall(app, owner, 'contacts.create', { name: 'x\ud800y' });
    expect(surrogate.status).toBe(400);
    expect(logged()).not.toMatch(/Failed query|params:|\$argon2/);
  });

  it('answers an unexpected failure with a generic message and a request id that leads to its log line', async () => {
    // The database refuses new invitations and API keys, as a broken trigger or a full disk would.
    for (const table of ['invitations', 'api_keys']) {
      await database.raw.query(`create or replace function refuse_${table}() returns trigger language plpgsql
        as $$ begin raise exception 'refused by test'; end $$`);
      await database.raw.query(
        `create trigger refuse_${table} before insert on ${table} for each row execute function refuse_${table}()`,
      );
    }
    lines.length = 0;
    const member = await trpcCall(app, owner, 'workspaces.invite', { email: 'new@e.test', role: 'member' });
    const key = await trpcCall(app, owner, 'apiKeys.create', { name: 'ci', role: 'member' });
    for (const answer of [member, key]) {
      expect(answer.status).toBe(500);
      const id = answer.response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.error?.message).toBe(
        `Something went wrong on our side. If it keeps happening, quote request id ${id}.`,
      );
      const failure = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === id && l.err);
      expect(failure?.err.message).toMatch(/^Failed query: insert into/);
      expect(failure?.err.cause.message).toMatch(/refused by test/);
    }
    const text = logged();
    expect(text).toMatch(/refused by test/);
    expect(text).not.toMatch(/params|\$argon2|new@e\.test/);
    for (const table of ['invitations', 'api_keys'])
      await database.raw.query(`drop trigger refuse_${table} on ${table}`);
  });

  it('answers crafted cursors and ids that are not UUIDs with 400', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [forged(['a', 'not-a-uuid']), forged(['a\u0000', crypto.randomUUID()]), '%%%']) {
      const page = await trpcCall(app, owner, 'contacts.list', { cursor }, 'query');
      expect(page.status).toBe(400);
      expect(page.body.error?.message).toMatch(/cursor is not valid/);
    }
    const audit = await trpcCall(app, owner, 'audit.list', { cursor: forged(['yesterday', 'x']) }, 'query');
    expect(audit.status).toBe(400);
    expect(audit.body.error?.message).toMatch(/cursor is not valid/);
    for (const [path, input] of [
      ['contacts.byId', { id: 'nope' }],
      ['deals.byId', { id: '1' }],
      ['niches.byId', { id: "x' or 1=1" }],
    ] as const) {
      const answer = await trpcCall(app, owner, path, input, 'query');
      expect(answer.status, path).toBe(400);
    }
    const file = await app.request('/api/niches/not-a-uuid/export', {
      headers: { cookie: owner.cookie!, 'x-murmur-client': 'test' },
    });
    expect(file.status).toBe(400);
  });

  it('refuses a batch of more than 20 calls with 400 and runs none of it', async () => {
    const paths = Array.from({ length: 21 }, () => 'auth.me').join(',');
    const response = await app.request(`/trpc/${paths}?batch=1&input={}`, {
      headers: { cookie: owner.cookie!, 'x-murmur-client': 'test' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/batch/i);
    const twenty = Array.from({ length: 20 }, () => 'auth.me').join(',');
    const ok = await app.request(`/trpc/${twenty}?batch=1&input={}`, {
      headers: { cookie: owner.cookie!, 'x-murmur-client': 'test' },
    });
    expect(ok.status).toBe(200);
  });
});
