/**
 * Settings → Email's "Check the inbox" against a real IMAP server: it says which step failed
 * (DNS, connection, TLS, login, folder) in words an admin can act on, and what it found when
 * everything works.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInbox } from '../server/outreach/inbox/check-inbox.ts';
import type { ImapSettings } from '../server/outreach/inbox/imap-connection.ts';
import { type Dovecot, skipDovecotReason, startDovecot } from './support/dovecot.ts';

describe.skipIf(skipDovecotReason)('checking an inbox', () => {
  let dovecot: Dovecot;
  let good: ImapSettings;
  beforeAll(async () => {
    dovecot = await startDovecot([{ user: 'outreach', password: 'imap-secret' }]);
    good = { ...dovecot.account('outreach'), folder: 'INBOX' };
  });
  afterAll(() => dovecot?.stop());

  it('reports what it found when everything works', async () => {
    expect(await checkInbox(good)).toEqual({
      ok: true,
      folder: 'INBOX',
      messages: 0,
      idle: true,
      tls: false,
    });
  });

  it('names the step that failed', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const cases: [Partial<ImapSettings>, string, RegExp][] = [
      [{ host: 'no-such-host.invalid', tls: 'implicit' }, 'dns', /does not resolve/],
      [{ port: closedPort }, 'connect', /Connection refused/],
      [{ tls: 'starttls' }, 'tls', /STARTTLS/],
      [{ tls: 'implicit' }, 'tls', /TLS failed/],
      [{ folder: 'Nope' }, 'folder', /“Nope” does not exist/],
      [{ host: 'mail.example.com', tls: 'none' }, 'config', /only allowed on this machine/],
      // Last: after a refused login, the server makes the next logins from this address wait.
      [{ password: 'wrong' }, 'auth', /refused user outreach/],
    ];
    for (const [change, step, message] of cases) {
      const result = await checkInbox({ ...good, ...change }, { timeoutMs: 5_000 });
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, step });
      expect(result.ok === false && result.message, JSON.stringify(change)).toMatch(message);
      expect(JSON.stringify(result)).not.toContain('imap-secret');
    }
  });
});
