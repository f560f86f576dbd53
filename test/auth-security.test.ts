import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { sessionCookieFrom, userInWorkspace } from './support/app.ts';
import { callFrom, createClockedApp } from './support/clocked-app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

const minute = 60 * 1000;
const password = 'long enough password';

describe.each(testDatabaseKinds)('sign-in defences on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createClockedApp>['app'];
  let clock: ReturnType<typeof createClockedApp>['clock'];
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ({ app, clock } = createClockedApp(database));
  });
  afterAll(() => database.close());

  const signIn = (email: string, pass: string, ip: string) =>
    callFrom(app, { ip }, 'auth.signIn', { email, password: pass });

  it('parallel guesses from one address get only a few tries; the owner elsewhere still signs in', async () => {
    await userInWorkspace(app, database, { email: 'owner@throttle.test', workspace: 'Throttle' });
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn('owner@throttle.test', `wrong guess ${i}`, '203.0.113.9')),
    );
    const verified = guesses.filter((g) => g.status === 401).length;
    const refused = guesses.filter((g) => g.status === 429).length;
    expect(verified + refused).toBe(50);
    expect(verified).toBe(5);
    expect(guesses.find((g) => g.status === 429)?.body.error?.message).toMatch(/Too many sign-in attempts/);

    // Even the right password waits at the attacker's address…
    expect((await signIn('owner@throttle.test', password, '203.0.113.9')).status).toBe(429);
    // …but the owner at their own address is not locked out.
    expect((await signIn('owner@throttle.test', password, '198.51.100.20')).status).toBe(200);

    // The wait doubles with each further failure instead of a fixed lock.
    clock.advance(minute);
    expect((await signIn('owner@throttle.test', 'wrong again', '203.0.113.9')).status).toBe(401);
    expect((await signIn('owner@throttle.test', 'wrong again', '203.0.113.9')).status).toBe(429);
    clock.advance(minute);
    expect((await signIn('owner@throttle.test', 'wrong again', '203.0.113.9')).status).toBe(429);
    clock.advance(minute);
    expect((await signIn('owner@throttle.test', password, '203.0.113.9')).status).toBe(200);
  });

  it('failures spread over many addresses meet a higher, time-limited ceiling for the account', async () => {
    await userInWorkspace(app, database, { email: 'spread@throttle.test', workspace: 'Throttle' });
    for (let i = 0; i < 50; i++) {
      expect(
        (await signIn('spread@throttle.test', 'nope nope', `10.0.${Math.floor(i / 4)}.${i % 4}`)).status,
      ).toBe(401);
    }
    expect((await signIn('spread@throttle.test', password, '198.51.100.30')).status).toBe(429);
    clock.advance(2 * minute);
    expect((await signIn('spread@throttle.test', password, '198.51.100.30')).status).toBe(200);
  });

  it('changing the password needs the current one and signs out the other sessions', async () => {
    await userInWorkspace(app, database, { email: 'pat@pw.test', workspace: 'Pw' });
    const here = {
      cookie: sessionCookieFrom((await signIn('pat@pw.test', password, '198.51.100.40')).response),
    };
    const there = {
      cookie: sessionCookieFrom((await signIn('pat@pw.test', password, '198.51.100.41')).response),
    };
    const wrong = await callFrom(app, here, 'auth.changePassword', {
      currentPassword: 'not my password',
      newPassword: 'brand new password',
    });
    expect(wrong.status).toBe(401);
    const changed = await callFrom(app, here, 'auth.changePassword', {
      currentPassword: password,
      newPassword: 'brand new password',
    });
    expect(changed.status).toBe(200);
    expect((await callFrom(app, here, 'auth.me', undefined, 'query')).status).toBe(200);
    expect((await callFrom(app, there, 'auth.me', undefined, 'query')).status).toBe(401);
    expect((await signIn('pat@pw.test', password, '198.51.100.42')).status).toBe(401);
    expect((await signIn('pat@pw.test', 'brand new password', '198.51.100.42')).status).toBe(200);
  });

  it('"sign out everywhere" ends every session of the user', async () => {
    await userInWorkspace(app, database, { email: 'sam@everywhere.test', workspace: 'Everywhere' });
    const a = {
      cookie: sessionCookieFrom((await signIn('sam@everywhere.test', password, '198.51.100.50')).response),
    };
    const b = {
      cookie: sessionCookieFrom((await signIn('sam@everywhere.test', password, '198.51.100.51')).response),
    };
    const out = await callFrom(app, a, 'auth.signOutEverywhere');
    expect(out.status).toBe(200);
    expect(out.response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await callFrom(app, a, 'auth.me', undefined, 'query')).status).toBe(401);
    expect((await callFrom(app, b, 'auth.me', undefined, 'query')).status).toBe(401);
  });

  it('an Authorization header that is not a usable key never falls back to the cookie', async () => {
    const owner = await userInWorkspace(app, database, { email: 'csrf@csrf.test', workspace: 'Csrf' });
    for (const authorization of ['Bearer ', 'Bearer not-a-key', 'Bearer two words', 'Basic abc']) {
      // A cross-site form post: the cookie rides along, but our client header does not.
      const forged = await callFrom(
        app,
        { ...owner, csrfHeader: false, headers: { authorization } },
        'contacts.create',
        { name: 'Forged' },
      );
      expect([401, 403]).toContain(forged.status);
      const read = await callFrom(
        app,
        { ...owner, headers: { authorization } },
        'contacts.list',
        {},
        'query',
      );
      expect(read.status).toBe(401);
    }
    const list = await callFrom(app, owner, 'contacts.list', { search: 'Forged' }, 'query');
    expect(JSON.stringify(list.data)).not.toContain('Forged');
  });
});

describe.each(testDatabaseKinds)('deleting versus erasing a contact on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createClockedApp>['app'];
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ({ app } = createClockedApp(database));
  });
  afterAll(() => database.close());

  it('a member’s delete keeps the history; only an admin erases it', async () => {
    const admin = await userInWorkspace(app, database, {
      email: 'admin@history.test',
      workspace: 'History',
      role: 'owner',
    });
    const member = await userInWorkspace(app, database, {
      email: 'mem@history.test',
      workspace: 'History',
      role: 'member',
    });
    const history = async (id: string) =>
      (
        (await callFrom(app, admin, 'audit.list', { entityType: 'contact', entityId: id }, 'query')).data as {
          items: { action: string }[];
        }
      ).items.map((e) => e.action);

    const made = (await callFrom(app, member, 'contacts.create', { name: 'Kept History' })).data as {
      id: string;
    };
    await callFrom(app, member, 'contacts.update', { id: made.id, notes: 'met at the fair' });
    expect((await callFrom(app, member, 'contacts.remove', { id: made.id })).status).toBe(200);
    expect((await history(made.id)).sort()).toEqual(['created', 'deleted', 'updated']);

    const other = (await callFrom(app, member, 'contacts.create', { name: 'To Erase' })).data as {
      id: string;
    };
    expect((await callFrom(app, member, 'contacts.erase', { id: other.id })).status).toBe(403);
    expect((await callFrom(app, admin, 'contacts.erase', { id: other.id })).status).toBe(200);
    expect(await history(other.id)).toEqual(['erased']);
    // The deleted contact's kept history can still be erased.
    expect((await callFrom(app, admin, 'contacts.erase', { id: made.id })).status).toBe(200);
    expect(await history(made.id)).toEqual(['erased']);
  });
});
