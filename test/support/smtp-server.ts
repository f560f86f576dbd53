/**
 * A real SMTP server in-process (the `smtp-server` package) that keeps every accepted message
 * raw, for assertions on exactly what went over the wire. AUTH, STARTTLS and implicit TLS as
 * asked; recipients can be refused (5xx) or deferred (4xx) to exercise the sender's answers.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export type Received = { from: string; to: string[]; raw: string; messageId: string | null };

export type TestSmtpOptions = {
  auth?: { user: string; pass: string };
  /** 'starttls': offers STARTTLS; 'implicit': TLS from the first byte; 'none': plain only. */
  tls?: 'starttls' | 'implicit' | 'none';
  /** Answer for a recipient: undefined accepts, a number refuses with that code. */
  rcpt?: (address: string) => number | undefined;
  /** Called after a message was read, before it is accepted. */
  onMessage?: (message: Received, count: number) => void;
  /** Holds each message's acceptance until this settles: a server that is slow to answer. */
  beforeAccept?: () => Promise<void>;
};

export async function startTestSmtp(options: TestSmtpOptions = {}) {
  const received: Received[] = [];
  const tls = options.tls ?? 'none';
  const serverOptions: SMTPServerOptions = {
    secure: tls === 'implicit',
    disabledCommands: [...(options.auth ? [] : ['AUTH']), ...(tls === 'none' ? ['STARTTLS'] : [])],
    allowInsecureAuth: tls === 'none',
    authOptional: !options.auth,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const code = options.rcpt?.(address.address);
      if (code)
        return callback(
          Object.assign(new Error(`Recipient ${address.address} refused`), { responseCode: code }),
        );
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        await options.beforeAccept?.();
        const raw = Buffer.concat(chunks).toString('utf8');
        const message: Received = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? null,
        };
        received.push(message);
        options.onMessage?.(message, received.length);
        callback(null, `2.0.0 Ok: queued as ${received.length}`);
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    /** Messages with this Message-ID (without brackets). */
    withId: (id: string) => received.filter((m) => m.messageId === id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtp = Awaited<ReturnType<typeof startTestSmtp>>;
