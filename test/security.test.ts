import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('security on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let alice: Caller;
  let bob: Caller;
  let viewer: Caller;
  let secretContactId: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database, { maxBodyBytes: 64 * 1024 });
    alice = await userInWorkspace(app, database, { email: 'alice@a.test', workspace: 'A' });
    bob = await userInWorkspace(app, database, { email: 'bob@b.test', workspace: 'B' });
    viewer = await userInWorkspace(app, database, { email: 'val@b.test', workspace: 'B', role: 'viewer' });
    const created = await trpcCall(app, bob, 'contacts.create', {
      name: 'Secret Sam',
      emails: ['sam@private.test'],
    });
    secretContactId = (created.data as { id: string }).id;
  });
  afterAll(() => database.close());

  it('answers 401 to every API call without a session, except sign-in and setup', async () => {
    for (const path of ['contacts.list', 'workspaces.list', 'apiKeys.list', 'auth.me']) {
      expect((await trpcCall(app, {}, path, {}, 'query')).status).toBe(401);
    }
    expect((await trpcCall(app, {}, 'contacts.create', { name: 'x' })).status).toBe(401);
    expect(
      (await trpcCall(app, { cookie: 'murmur_session=mms_forged' }, 'contacts.list', {}, 'query')).status,
    ).toBe(401);
    expect((await trpcCall(app, { bearer: 'mmk_forged' }, 'contacts.list', {}, 'query')).status).toBe(401);
  });

  it('keeps workspace B contacts invisible to workspace A, even by id', async () => {
    const page = await trpcCall(app, alice, 'contacts.list', { search: 'sam' }, 'query');
    expect(page.data).toMatchObject({ items: [], total: 0 });
    const byId = await trpcCall(app, alice, 'contacts.byId', { id: secretContactId }, 'query');
    const missing = await trpcCall(
      app,
      alice,
      'contacts.byId',
      { id: '00000000-0000-4000-8000-000000000000' },
      'query',
    );
    // Someone else's contact looks exactly like one that does not exist.
    expect(byId.status).toBe(404);
    expect(byId.body.error?.message).toBe(missing.body.error?.message);
    expect(
      (await trpcCall(app, alice, 'contacts.update', { id: secretContactId, name: 'Pwned' })).status,
    ).toBe(404);
    expect((await trpcCall(app, alice, 'contacts.remove', { id: secretContactId })).status).toBe(404);
    expect(
      (await trpcCall(app, alice, 'workspaces.switch', { workspaceId: await workspaceIdOf(bob) })).status,
    ).toBe(404);
    const still = await trpcCall(app, bob, 'contacts.byId', { id: secretContactId }, 'query');
    expect(still.data).toMatchObject({ name: 'Secret Sam' });
  });

  it('lets a viewer read but not write', async () => {
    expect((await trpcCall(app, viewer, 'contacts.list', {}, 'query')).status).toBe(200);
    const write = await trpcCall(app, viewer, 'contacts.create', { name: 'Nope' });
    expect(write.status).toBe(403);
    expect(write.body.error?.message).toMatch(/member role/);
    expect((await trpcCall(app, viewer, 'contacts.remove', { id: secretContactId })).status).toBe(403);
  });

  it('rejects a cross-origin form POST even with a valid session cookie', async () => {
    const response = await app.request('/trpc/contacts.create', {
      method: 'POST',
      headers: {
        cookie: bob.cookie!,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'name=Injected',
    });
    expect(response.status).toBe(403);
    const noHeader = await app.request('/trpc/contacts.create', {
      method: 'POST',
      headers: { cookie: bob.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Injected' }),
    });
    expect(noHeader.status).toBe(403);
    const page = await trpcCall(app, bob, 'contacts.list', { search: 'injected' }, 'query');
    expect(page.data).toMatchObject({ total: 0 });
  });

  it('answers an oversized or malformed body with 400 and a clear message, changing nothing', async () => {
    const headers = { cookie: bob.cookie!, 'x-murmur-client': 'test', 'content-type': 'application/json' };
    const big = await app.request('/trpc/contacts.create', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Big', notes: 'x'.repeat(100 * 1024) }),
    });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than 64 KiB/,
    );
    const malformed = await app.request('/trpc/contacts.create', {
      method: 'POST',
      headers,
      body: '{"name": "Half',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/JSON|parse/i);
    const page = await trpcCall(app, bob, 'contacts.list', {}, 'query');
    expect(page.data).toMatchObject({ total: 1 });
  });

  it('never stores passwords or session tokens in the clear', async () => {
    const users = await database.raw.query<{ password_hash: string }>('select password_hash from users');
    expect(users.rows.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
    const sessions = await database.raw.query<{ token_hash: string }>('select token_hash from sessions');
    const token = bob.cookie!.split('=')[1];
    expect(sessions.rows.some((s) => s.token_hash === token)).toBe(false);
  });

  async function workspaceIdOf(who: Caller) {
    return ((await trpcCall(app, who, 'auth.me', undefined, 'query')).data as { workspaceId: string })
      .workspaceId;
  }
});
