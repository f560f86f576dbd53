import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { createTestApp, sessionCookieFrom, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('accounts and sessions on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  const owner = {
    name: 'Olga Owner',
    email: 'olga@agency.test',
    password: 'a very good password',
    workspaceName: 'Agency',
  };

  it('offers first-run setup once, then only sign-in', async () => {
    expect((await trpcCall(app, {}, 'auth.setupStatus', undefined, 'query')).data).toEqual({
      needsSetup: true,
    });
    const setup = await trpcCall(app, {}, 'auth.setup', owner);
    expect(setup.status).toBe(200);
    const cookie = setup.response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/murmur_session=mms_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await trpcCall(
      app,
      { cookie: sessionCookieFrom(setup.response) },
      'auth.me',
      undefined,
      'query',
    );
    expect(me.data).toMatchObject({
      user: { email: owner.email },
      role: 'owner',
      workspaces: [{ name: 'Agency' }],
    });

    expect((await trpcCall(app, {}, 'auth.setupStatus', undefined, 'query')).data).toEqual({
      needsSetup: false,
    });
    const again = await trpcCall(app, {}, 'auth.setup', { ...owner, email: 'intruder@x.test' });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/already set up/);
  });

  it('signs in with the right password only, and a session survives a restart until sign-out', async () => {
    const wrong = await trpcCall(app, {}, 'auth.signIn', {
      email: owner.email,
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toBe('Wrong email or password.');
    const unknown = await trpcCall(app, {}, 'auth.signIn', {
      email: 'nobody@x.test',
      password: 'whatever123',
    });
    expect(unknown.body.error?.message).toBe('Wrong email or password.');

    const ok = await trpcCall(app, {}, 'auth.signIn', {
      email: 'OLGA@agency.test',
      password: owner.password,
    });
    expect(ok.status).toBe(200);
    const cookie = sessionCookieFrom(ok.response);

    const restarted = createTestApp(database);
    expect((await trpcCall(restarted, { cookie }, 'auth.me', undefined, 'query')).status).toBe(200);

    const out = await trpcCall(restarted, { cookie }, 'auth.signOut');
    expect(out.response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await trpcCall(restarted, { cookie }, 'auth.me', undefined, 'query')).status).toBe(401);
  });

  it('throttles repeated failed sign-ins for an account from one address', async () => {
    await userInWorkspace(app, database, { email: 'target@agency.test', workspace: 'Agency' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await trpcCall(app, {}, 'auth.signIn', { email: 'target@agency.test', password: `guess-${i}-xx` }))
          .status,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    // Even the right password waits, from that address, until the backoff passes.
    const right = await trpcCall(app, {}, 'auth.signIn', {
      email: 'target@agency.test',
      password: 'long enough password',
    });
    expect(right.status).toBe(429);
    expect(right.body.error?.message).toMatch(/Too many sign-in attempts/);
  });

  it('lets an owner invite members with roles, create and switch workspaces', async () => {
    const boss = await userInWorkspace(app, database, { email: 'boss@brand.test', workspace: 'Brand' });
    const invited = await trpcCall(app, boss, 'workspaces.invite', {
      email: 'vic@brand.test',
      role: 'viewer',
    });
    expect(invited.status).toBe(200);
    const joined = await trpcCall(app, {}, 'auth.acceptInvitation', {
      token: (invited.data as { token: string }).token,
      name: 'Vic',
      password: 'viewer password',
    });
    expect(joined.status).toBe(200);
    const members = await trpcCall(app, boss, 'workspaces.members', undefined, 'query');
    expect((members.data as { email: string; role: string }[]).map((m) => [m.email, m.role])).toEqual([
      ['boss@brand.test', 'owner'],
      ['vic@brand.test', 'viewer'],
    ]);

    const second = await trpcCall(app, boss, 'workspaces.create', { name: 'Brand EU' });
    expect(second.status).toBe(200);
    const me = await trpcCall(app, boss, 'auth.me', undefined, 'query');
    expect(me.data).toMatchObject({ workspaceId: (second.data as { id: string }).id, role: 'owner' });
    const list = (me.data as { workspaces: { id: string; name: string }[] }).workspaces;
    expect(list.map((w) => w.name)).toEqual(['Brand', 'Brand EU']);

    await trpcCall(app, boss, 'workspaces.switch', { workspaceId: list[0].id });
    expect((await trpcCall(app, boss, 'auth.me', undefined, 'query')).data).toMatchObject({
      workspaceId: list[0].id,
    });

    const lastOwner = await trpcCall(app, boss, 'workspaces.updateMember', {
      userId: (me.data as { user: { id: string } }).user.id,
      role: 'admin',
    });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error?.message).toMatch(/at least one owner/);
  });

  it('an admin cannot make owners; a viewer cannot manage members', async () => {
    const admin = await userInWorkspace(app, database, {
      email: 'ada@agency.test',
      workspace: 'Agency',
      role: 'admin',
    });
    const promote = await trpcCall(app, admin, 'workspaces.invite', {
      email: 'new@agency.test',
      role: 'owner',
    });
    expect(promote.status).toBe(403);
    const viewer = await userInWorkspace(app, database, {
      email: 'vee@agency.test',
      workspace: 'Agency',
      role: 'viewer',
    });
    expect((await trpcCall(app, viewer, 'workspaces.members', undefined, 'query')).status).toBe(403);
  });

  it('API keys are shown once, stored hashed, work as Bearer tokens and can be revoked', async () => {
    const admin = await userInWorkspace(app, database, {
      email: 'keys@agency.test',
      workspace: 'Agency',
      role: 'admin',
    });
    const created = await trpcCall(app, admin, 'apiKeys.create', { name: 'Zapier', role: 'member' });
    const { secret, id } = created.data as { secret: string; id: string };
    expect(secret).toMatch(/^mmk_/);
    const stored = await database.raw.query<{ key_hash: string }>(
      'select key_hash from api_keys where id = $1',
      [id],
    );
    expect(stored.rows[0].key_hash).not.toContain(secret);
    const listed = await trpcCall(app, admin, 'apiKeys.list', undefined, 'query');
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const viaKey = await trpcCall(app, { bearer: secret }, 'contacts.create', { name: 'Made by a script' });
    expect(viaKey.status).toBe(200);
    await trpcCall(app, admin, 'apiKeys.remove', { id });
    expect((await trpcCall(app, { bearer: secret }, 'contacts.list', {}, 'query')).status).toBe(401);
  });
});
