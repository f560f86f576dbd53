/**
 * A real IMAP server for tests: Debian's dovecot (`apt-get install dovecot-imapd`), started in a
 * temporary directory with its own config (no system config), users from a passwd-file, mail in
 * a temporary Maildir, one loopback port, plaintext auth (loopback only), logging to a file.
 * `start` returns when the server greets on its port; `stop` ends it and removes the directory.
 * Where dovecot is missing, `skipDovecotReason` says which package to install.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const binary = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
export const skipDovecotReason = existsSync(binary)
  ? undefined
  : `No dovecot at ${binary}: install it with \`apt-get install -y dovecot-imapd\` to run the IMAP tests.`;
if (skipDovecotReason) console.warn(`[IMAP tests skipped] ${skipDovecotReason}`);

export type DovecotUser = { user: string; password: string };
export type Dovecot = {
  host: string;
  port: number;
  dir: string;
  /** IMAP connection settings for `user`, as a mailbox's IMAP part stores them. */
  account(user: string): { host: string; port: number; tls: 'none'; user: string; password: string };
  /** Delivers raw RFC 822 messages into a user's folder over IMAP APPEND (unread, as mail arrives). */
  deliver(user: string, messages: string | string[], folder?: string): Promise<void>;
  /**
   * Changes a folder's UIDVALIDITY, as a server does after rebuilding its index: the folder is
   * deleted and created again with the same messages (so not INBOX, which IMAP cannot delete).
   */
  recreateFolder(user: string, folder: string): Promise<void>;
  /** How many messages in the folder are not marked \\Seen. */
  unseen(user: string, folder?: string): Promise<number>;
  log(): string;
  stop(): Promise<void>;
};

/** A free loopback port: the kernel picks one, we release it for dovecot to bind. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Resolves when the port answers with an IMAP greeting; rejects when dovecot exits first. */
function greeting(port: number, child: ChildProcess, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const exited = (code: number | null) => {
      if (done) return;
      done = true;
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      reject(new Error(`dovecot exited (${code}) before greeting:\n${log.slice(-2000)}`));
    };
    child.once('exit', exited);
    const attempt = () => {
      if (done) return;
      const socket = new Socket();
      socket.once('data', (data) => {
        socket.destroy();
        if (!data.toString().startsWith('* OK')) return retry();
        done = true;
        child.off('exit', exited);
        resolve();
      });
      socket.once('error', () => retry());
      socket.connect(port, '127.0.0.1');
    };
    // Until dovecot binds, each connect is refused at once; the retry waits on the next event loop turn.
    const retry = () => setImmediate(attempt);
    attempt();
  });
}

export async function startDovecot(users: DovecotUser[]): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-dovecot-'));
  const port = await freePort();
  const me = userInfo();
  // As root, dovecot drops privileges and refuses mail access as UID 0: run mail as `nobody`
  // and the internal processes as Debian's own dovecot users. Otherwise everything runs as us.
  const root = me.uid === 0;
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  if (root) {
    chmodSync(dir, 0o755);
    chownSync(mail, mailUid, mailGid);
  }
  const passwd = users
    .map((u) => `${u.user}:{PLAIN}${u.password}:${mailUid}:${mailGid}::${join(mail, u.user)}::`)
    .join('\n');
  writeFileSync(join(dir, 'users'), `${passwd}\n`);
  const logFile = join(dir, 'dovecot.log');
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `# Written by test/support/dovecot.ts for one test run.
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# No 2 s pause after a refused login: the tests refuse logins on purpose and wait for the answer.
auth_failure_delay = 0
mail_location = maildir:${mail}/%u/Maildir
first_valid_uid = ${Math.min(mailUid, 500)}
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
${root ? '' : `default_internal_group = ${groupName(me.gid)}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, 'users')}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${join(dir, 'users')}
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await greeting(port, child, logFile);

  const account = (user: string) => {
    const found = users.find((u) => u.user === user);
    if (!found) throw new Error(`dovecot: no user ${user}`);
    return { host: '127.0.0.1', port, tls: 'none' as const, user, password: found.password };
  };
  const withClient = async <T>(user: string, work: (client: ImapFlow) => Promise<T>) => {
    const a = account(user);
    const client = new ImapFlow({
      host: a.host,
      port: a.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: a.user, pass: a.password },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };
  return {
    host: '127.0.0.1',
    port,
    dir,
    account,
    deliver: (user, messages, folder = 'INBOX') =>
      withClient(user, async (client) => {
        if (folder !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
        for (const raw of Array.isArray(messages) ? messages : [messages]) {
          await client.append(folder, raw.replace(/\r?\n/g, '\r\n'), []);
        }
      }),
    recreateFolder: (user, folder) =>
      withClient(user, async (client) => {
        const status = await client.status(folder, { messages: true });
        const saved: Buffer[] = [];
        if (status && status.messages !== undefined && status.messages > 0) {
          await client.mailboxOpen(folder);
          for await (const message of client.fetch('1:*', { source: true })) {
            if (message.source) saved.push(message.source);
          }
          await client.mailboxClose();
        }
        await client.mailboxDelete(folder);
        await client.mailboxCreate(folder);
        for (const raw of saved) await client.append(folder, raw, []);
      }),
    unseen: (user, folder = 'INBOX') =>
      withClient(user, async (client) => {
        const status = await client.status(folder, { unseen: true });
        return status ? (status.unseen ?? 0) : 0;
      }),
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function groupName(gid: number) {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}
