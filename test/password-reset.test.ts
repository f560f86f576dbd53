/**
 * Forgot password, with a real SMTP server behind SMTP_URL: Mia asks for a link, it arrives,
 * it sets a new password once and ends her other sessions; a link older than an hour is
 * refused; an unknown address gets the same answer and no mail. Invitations are e-mailed too.
 */
import { count, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetJob } from '../server/auth/password-reset.job.ts';
import { type Config, loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { passwordResets, users } from '../server/db/schema/index.ts';
import { startQueue } from '../server/jobs/queue.ts';
import { startWorkers } from '../server/jobs/registry.ts';
import { createTestApp, sessionCookieFrom, testSecret, trpcCall, userInWorkspace } from './support/app.ts';
import { callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { startTestSmtp, type TestSmtp } from './support/smtp-server.ts';

const linkIn = (raw: string) => {
  const text = raw.replace(/=\r?\n/g, '');
  return /http:\/\/murmur\.test\/reset\/(mmr_[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
};

describe.each(testDatabaseKinds)('password reset and invitation mail on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let smtp: TestSmtp;
  let config: Config;
  let now = new Date('2026-03-02T09:00:00Z');
  const clock = () => now;
  let miaCookie: string;
  const anonymous = () => callerFor(database, {}, { now: clock, config });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    smtp = await startTestSmtp({ auth: { user: 'system', pass: 'smtp-secret' } });
    config = loadConfig({
      SESSION_SECRET: testSecret,
      PUBLIC_URL: 'http://murmur.test',
      SMTP_URL: `smtp://system:smtp-secret@127.0.0.1:${smtp.port}/?tls=none&from=no-reply%40murmur.test`,
    });
    miaCookie = (await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' }))
      .cookie as string;
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
  });

  it('answers an unknown address the same way and sends nothing', async () => {
    const known = await anonymous().auth.requestPasswordReset({ email: 'MIA@agency.test' });
    const unknown = await anonymous().auth.requestPasswordReset({ email: 'nobody@agency.test' });
    expect(unknown.message.replace('nobody', 'mia')).toBe(known.message);
    expect(smtp.received.map((m) => m.to)).toEqual([['mia@agency.test']]);
  });

  it('sets a new password with the mailed link once, and ends her other sessions', async () => {
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('no-reply@murmur.test');
    expect(mail.raw).toMatch(/Subject: Reset your Murmur password/);
    const token = linkIn(mail.raw)!;
    expect(token).toBeTruthy();

    await anonymous().auth.resetPassword({ token, password: 'a brand new password' });
    expect((await failure(callerFor(database, { cookie: miaCookie }, { now: clock }).auth.me())).status).toBe(
      401,
    );
    const signIn = await trpcCall(app, {}, 'auth.signIn', {
      email: 'mia@agency.test',
      password: 'a brand new password',
    });
    expect(signIn.status).toBe(200);
    miaCookie = sessionCookieFrom(signIn.response);

    const again = await failure(anonymous().auth.resetPassword({ token, password: 'yet another password' }));
    expect(again.message).toMatch(/expired or was already used/);
  });

  it('refuses a link after its hour', async () => {
    await anonymous().auth.requestPasswordReset({ email: 'mia@agency.test' });
    const token = linkIn(smtp.received.at(-1)!.raw)!;
    now = new Date(now.getTime() + 60 * 60 * 1000 + 1);
    const late = await failure(anonymous().auth.resetPassword({ token, password: 'too late password' }));
    expect(late.message).toMatch(/expired or was already used/);
  });

  it('sends at most three links an hour to one account, with the same answer', async () => {
    const before = smtp.received.length;
    const answers = new Set<string>();
    for (let i = 0; i < 4; i++)
      answers.add((await anonymous().auth.requestPasswordReset({ email: 'mia@agency.test' })).message);
    expect(answers.size).toBe(1);
    expect(smtp.received.length - before).toBe(3);
  });

  it('e-mails an invitation when a mailer is available, and leaves the link to copy otherwise', async () => {
    const mia = callerFor(database, { cookie: miaCookie }, { now: clock, config });
    const sent = await mia.workspaces.invite({ email: 'ben@agency.test', role: 'member' });
    expect(sent.emailedTo).toBe('ben@agency.test');
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['ben@agency.test']);
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`http://murmur.test${sent.url}`);

    const before = smtp.received.length;
    const withoutMail = callerFor(database, { cookie: miaCookie }, { now: clock });
    const copied = await withoutMail.workspaces.invite({ email: 'cleo@agency.test', role: 'member' });
    expect(copied.emailedTo).toBeNull();
    expect(copied.url).toMatch(/^\/invite\//);
    expect(smtp.received.length).toBe(before);
  });

  it('answers before any mail goes out: a job sends it, whatever the mail server takes', async () => {
    await userInWorkspace(app, database, { email: 'nia@agency.test', workspace: 'Agency' });
    let release = () => {};
    const opened = new Promise<void>((resolve) => (release = resolve));
    const slow = await startTestSmtp({
      auth: { user: 'system', pass: 'smtp-secret' },
      beforeAccept: () => opened,
    });
    const slowConfig = loadConfig({
      SESSION_SECRET: testSecret,
      PUBLIC_URL: 'http://murmur.test',
      SMTP_URL: `smtp://system:smtp-secret@127.0.0.1:${slow.port}/?tls=none&from=no-reply%40murmur.test`,
    });
    const logger = pino({ level: 'silent' });
    const queue = await startQueue(database, logger, [passwordResetJob]);
    try {
      await startWorkers({ database, logger, queue, config: slowConfig }, [passwordResetJob as never]);
      const guest = callerFor(database, {}, { now: clock, config: slowConfig, queue });
      // With the mail server holding every message, the answer still comes (it used to wait).
      const answer = await guest.auth.requestPasswordReset({ email: 'nia@agency.test' });
      expect(answer.message).toMatch(/^If nia@agency.test has a Murmur account/);
      expect(slow.received).toEqual([]);
      release();
      await expect.poll(() => slow.received.length, { timeout: 30_000 }).toBe(1);
      expect(slow.received[0]!.to).toEqual(['nia@agency.test']);
      expect(linkIn(slow.received[0]!.raw)).toBeTruthy();
    } finally {
      release();
      await queue.stop();
      await slow.close();
    }
  });

  it('removes a link whose mail was refused, so it neither works nor counts', async () => {
    await userInWorkspace(app, database, { email: 'ola@agency.test', workspace: 'Agency' });
    const refusing = await startTestSmtp({ auth: { user: 'system', pass: 'smtp-secret' }, rcpt: () => 550 });
    try {
      const refusingConfig = loadConfig({
        SESSION_SECRET: testSecret,
        PUBLIC_URL: 'http://murmur.test',
        SMTP_URL: `smtp://system:smtp-secret@127.0.0.1:${refusing.port}/?tls=none&from=no-reply%40murmur.test`,
      });
      const guest = callerFor(database, {}, { now: clock, config: refusingConfig });
      for (let i = 0; i < 4; i++) await guest.auth.requestPasswordReset({ email: 'ola@agency.test' });
      const links = await database.db
        .select({ n: count() })
        .from(passwordResets)
        .innerJoin(users, eq(users.id, passwordResets.userId))
        .where(eq(users.email, 'ola@agency.test'));
      expect(links[0]?.n).toBe(0);
      // The mail server is back: the next request still gets its link (none of the four counted).
      const working = callerFor(database, {}, { now: clock, config });
      const before = smtp.received.length;
      await working.auth.requestPasswordReset({ email: 'ola@agency.test' });
      expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['ola@agency.test']]);
    } finally {
      await refusing.close();
    }
  });
});
