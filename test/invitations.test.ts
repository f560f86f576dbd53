import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { createApp } from '../server/http/app.ts';
import { sessionCookieFrom, testSecret, userInWorkspace } from './support/app.ts';
import { callFrom, createClockedApp } from './support/clocked-app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

const day = 24 * 60 * 60 * 1000;
type Invite = { id: string; email: string; role: string; expiresAt: string; token: string; url: string };

describe.each(testDatabaseKinds)('invitations on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createClockedApp>['app'];
  let clock: ReturnType<typeof createClockedApp>['clock'];
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ({ app, clock } = createClockedApp(database));
  });
  afterAll(() => database.close());

  const signIn = async (email: string, password: string, ip = '198.51.100.7') =>
    callFrom(app, { ip }, 'auth.signIn', { email, password });

  it('a viewer who makes their own workspace cannot plant a password on someone else’s future account', async () => {
    const attacker = await userInWorkspace(app, database, {
      email: 'mallory@elsewhere.test',
      workspace: 'Elsewhere',
      role: 'viewer',
    });
    expect((await callFrom(app, attacker, 'workspaces.create', { name: 'Mallory Inc' })).status).toBe(200);
    // The old way in: add the victim's future admin with a password of the attacker's choosing.
    const planted = await callFrom(app, attacker, 'workspaces.addMember', {
      email: 'newhire@victim.test',
      role: 'viewer',
      password: 'attacker chosen password',
    });
    expect(planted.status).not.toBe(200);
    const attackerInvite = await callFrom(app, attacker, 'workspaces.invite', {
      email: 'newhire@victim.test',
      role: 'viewer',
      password: 'attacker chosen password',
    });
    expect(attackerInvite.status).toBe(200);

    const victimOwner = await userInWorkspace(app, database, {
      email: 'vera@victim.test',
      workspace: 'Victim Co',
    });
    const invite = await callFrom(app, victimOwner, 'workspaces.invite', {
      email: 'newhire@victim.test',
      role: 'admin',
    });
    expect(invite.status).toBe(200);
    const token = (invite.data as Invite).token;
    const accepted = await callFrom(app, {}, 'auth.acceptInvitation', {
      token,
      name: 'Nina Newhire',
      password: 'nina own password',
    });
    expect(accepted.status).toBe(200);

    // The attacker's password opens nothing, and their own link cannot reset Nina's password.
    expect((await signIn('newhire@victim.test', 'attacker chosen password')).status).toBe(401);
    const viaOwnLink = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: (attackerInvite.data as Invite).token,
      password: 'attacker chosen password',
    });
    expect(viaOwnLink.status).toBe(401);
    const nina = await signIn('newhire@victim.test', 'nina own password');
    expect(nina.status).toBe(200);
    const me = await callFrom(
      app,
      { cookie: sessionCookieFrom(nina.response) },
      'auth.me',
      undefined,
      'query',
    );
    expect(me.data).toMatchObject({ role: 'admin', workspaces: [{ name: 'Victim Co', role: 'admin' }] });
  });

  it('answers the same for an email with an account and one without, and never touches a password', async () => {
    const owner = await userInWorkspace(app, database, { email: 'omar@same.test', workspace: 'Same' });
    await userInWorkspace(app, database, { email: 'existing@same.test', workspace: 'Other place' });
    const forExisting = await callFrom(app, owner, 'workspaces.invite', {
      email: 'existing@same.test',
      role: 'member',
    });
    const forNew = await callFrom(app, owner, 'workspaces.invite', {
      email: 'nobody-yet@same.test',
      role: 'member',
    });
    expect(forExisting.status).toBe(forNew.status);
    const shape = (v: Record<string, unknown>) =>
      Object.entries(v)
        .map(([k, x]) => [k, typeof x])
        .sort();
    expect(shape(forExisting.data)).toEqual(shape(forNew.data));
    const peek = async (t: string) =>
      (await callFrom(app, {}, 'auth.invitation', { token: t }, 'query')).data;
    expect(shape(await peek((forExisting.data as Invite).token))).toEqual(
      shape(await peek((forNew.data as Invite).token)),
    );
    // The existing person joins with their own password, which still works afterwards.
    const joined = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: (forExisting.data as Invite).token,
      password: 'long enough password',
    });
    expect(joined.status).toBe(200);
    expect((await signIn('existing@same.test', 'long enough password')).status).toBe(200);
    const members = await callFrom(app, owner, 'workspaces.members', undefined, 'query');
    expect((members.data as { email: string }[]).map((m) => m.email)).toContain('existing@same.test');
  });

  it('a link works once, until it expires or is revoked, and admins see what is pending', async () => {
    const owner = await userInWorkspace(app, database, { email: 'lena@links.test', workspace: 'Links' });
    const invite = async (email: string, role = 'member') =>
      (await callFrom(app, owner, 'workspaces.invite', { email, role })).data as Invite;
    const used = await invite('used@links.test');
    const expired = await invite('late@links.test');
    const revoked = await invite('revoked@links.test');
    expect(used.url).toBe(`/invite/${used.token}`);
    const pending = await callFrom(app, owner, 'workspaces.invitations', undefined, 'query');
    expect((pending.data as { email: string }[]).map((i) => i.email).sort()).toEqual([
      'late@links.test',
      'revoked@links.test',
      'used@links.test',
    ]);
    expect(JSON.stringify(pending.data)).not.toContain(used.token);

    const first = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: used.token,
      password: 'first password',
    });
    expect(first.status).toBe(200);
    const again = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: used.token,
      password: 'second password',
    });
    expect(again.status).toBe(412);
    expect(again.body.error?.message).toMatch(/already been used/);
    expect((await signIn('used@links.test', 'second password')).status).toBe(401);

    expect((await callFrom(app, owner, 'workspaces.revokeInvitation', { id: revoked.id })).status).toBe(200);
    const afterRevoke = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: revoked.token,
      password: 'a password here',
    });
    expect(afterRevoke.status).toBe(412);
    expect(afterRevoke.body.error?.message).toMatch(/revoked/);

    clock.advance(8 * day);
    const peek = await callFrom(app, {}, 'auth.invitation', { token: expired.token }, 'query');
    expect(peek.data).toMatchObject({ status: 'expired', workspaceName: 'Links' });
    const late = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: expired.token,
      password: 'a password here',
    });
    expect(late.status).toBe(412);
    expect(late.body.error?.message).toMatch(/expired/);
    const unknown = await callFrom(app, {}, 'auth.invitation', { token: `mmi_${'x'.repeat(43)}` }, 'query');
    expect(unknown.status).toBe(404);
    const left = await callFrom(app, owner, 'workspaces.invitations', undefined, 'query');
    expect((left.data as { email: string; status: string }[]).map((i) => [i.email, i.status])).toEqual([
      ['late@links.test', 'expired'],
    ]);
  });

  it('only owners invite owners; viewers and members invite nobody', async () => {
    const admin = await userInWorkspace(app, database, {
      email: 'ada@roles.test',
      workspace: 'Roles',
      role: 'admin',
    });
    const member = await userInWorkspace(app, database, {
      email: 'max@roles.test',
      workspace: 'Roles',
      role: 'member',
    });
    expect(
      (await callFrom(app, admin, 'workspaces.invite', { email: 'x@roles.test', role: 'owner' })).status,
    ).toBe(403);
    expect(
      (await callFrom(app, admin, 'workspaces.invite', { email: 'x@roles.test', role: 'admin' })).status,
    ).toBe(200);
    expect(
      (await callFrom(app, member, 'workspaces.invite', { email: 'y@roles.test', role: 'viewer' })).status,
    ).toBe(403);
  });

  it('removing a member revokes their API keys and their sessions’ access, even if they are invited back', async () => {
    const owner = await userInWorkspace(app, database, { email: 'otto@keys.test', workspace: 'Keys' });
    const admin = await userInWorkspace(app, database, {
      email: 'adam@keys.test',
      workspace: 'Keys',
      role: 'admin',
    });
    const key = (await callFrom(app, admin, 'apiKeys.create', { name: 'script', role: 'member' })).data as {
      secret: string;
    };
    expect((await callFrom(app, { bearer: key.secret }, 'contacts.list', {}, 'query')).status).toBe(200);
    const me = (await callFrom(app, admin, 'auth.me', undefined, 'query')).data as { user: { id: string } };
    expect((await callFrom(app, owner, 'workspaces.removeMember', { userId: me.user.id })).status).toBe(200);
    expect((await callFrom(app, { bearer: key.secret }, 'contacts.list', {}, 'query')).status).toBe(401);

    const back = (await callFrom(app, owner, 'workspaces.invite', { email: 'adam@keys.test', role: 'admin' }))
      .data as Invite;
    expect(
      (
        await callFrom(app, {}, 'auth.acceptInvitation', {
          token: back.token,
          password: 'long enough password',
        })
      ).status,
    ).toBe(200);
    expect((await callFrom(app, { bearer: key.secret }, 'contacts.list', {}, 'query')).status).toBe(401);
    // The session from before the removal must switch back in explicitly.
    expect((await callFrom(app, admin, 'contacts.list', {}, 'query')).status).toBe(403);
  });

  it('input with NUL is refused without echoing or logging a password hash', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) });
    const app = createApp({ database, secret: testSecret, logger });
    const owner = await userInWorkspace(app, database, { email: 'nul@nul.test', workspace: 'Nul' });
    const badEmail = await callFrom(app, owner, 'workspaces.invite', {
      email: 'a\u0000b@nul.test',
      role: 'member',
    });
    expect(badEmail.status).toBe(400);
    const invite = (
      await callFrom(app, owner, 'workspaces.invite', { email: 'name@nul.test', role: 'member' })
    ).data as Invite;
    const badName = await callFrom(app, {}, 'auth.acceptInvitation', {
      token: invite.token,
      name: 'Nu\u0000ll',
      password: 'long enough password',
    });
    expect(badName.status).toBe(400);
    const badSetupName = await callFrom(app, {}, 'auth.setup', {
      name: 'Nu\u0000ll',
      email: 'setup@nul.test',
      password: 'long enough password',
      workspaceName: 'Nul',
    });
    expect(badSetupName.status).toBe(400);
    for (const answer of [badEmail, badName, badSetupName]) {
      expect(answer.text).not.toMatch(/argon2|\$v=19/);
    }
    expect(logged.join('\n')).not.toMatch(/argon2|\$v=19/);
  });
});
