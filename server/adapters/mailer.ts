/**
 * The one place that speaks SMTP. Messages are composed and DKIM-signed into bytes first
 * (nodemailer's MailComposer and DKIM signer, with both List-Unsubscribe headers in
 * `headerFieldNames`), then sent over nodemailer's SMTPConnection on a small pool of
 * connections. We drive SMTPConnection ourselves instead of a transport because its `send`
 * only starts reading the message after the server answered DATA: the `beforeBody` hook runs
 * there, so a caller can record "the server may now have this" before the first body byte,
 * and everything before that point is provably undelivered.
 */
import { Readable } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export type SmtpTlsMode = 'implicit' | 'starttls' | 'none';

export type SmtpSettings = {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  user: string;
  password: string | null;
  /** Extra options for tls.connect (a test's self-signed certificate). */
  tlsOptions?: { rejectUnauthorized?: boolean; ca?: string | Buffer };
};

export type DkimSettings = { domain: string; selector: string; privateKey: string };

export type OutgoingMail = {
  messageId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  inReplyTo?: string | null;
  references?: string[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  date?: Date;
};

/** Headers DKIM signs: the usual ones plus both List headers (RFC 8058 asks for the POST one). */
export const dkimHeaderFieldNames =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:In-Reply-To:References:List-Unsubscribe:List-Unsubscribe-Post';

const bracket = (id: string) => `<${id}>`;

export async function composeMessage(mail: OutgoingMail, dkim?: DkimSettings | null): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: mail.from.name, address: mail.from.address },
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: bracket(mail.messageId),
    inReplyTo: mail.inReplyTo ? bracket(mail.inReplyTo) : undefined,
    references: mail.references?.length ? mail.references.map(bracket).join(' ') : undefined,
    headers: mail.headers,
    date: mail.date,
  });
  const raw = await composer.compile().build();
  if (!dkim) return raw;
  const signer = new DKIM({
    domainName: dkim.domain,
    keySelector: dkim.selector,
    privateKey: dkim.privateKey,
    headerFieldNames: dkimHeaderFieldNames,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of signer.sign(raw)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type SendOutcome =
  | { ok: true; response: string }
  | { ok: false; failure: SmtpFailure; bodyStarted: boolean };

export type FailureKind = 'dns' | 'tls' | 'auth' | 'relay_refused' | 'connection' | 'timeout' | 'rejected';
export type SmtpFailure = { kind: FailureKind; permanent: boolean; message: string; response?: string };

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/** What went wrong, in the words a mailbox owner can act on. */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as NodemailerError;
  const code = e.code ?? '';
  const response = e.response;
  const text = `${e.message ?? String(error)}`;
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode !== 503;
  if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text))
    return { kind: 'dns', permanent: false, message: `DNS: the SMTP host name does not resolve (${text})` };
  if (code === 'ETLS' || /certificate|SSL|TLS|wrong version number/i.test(text))
    return { kind: 'tls', permanent: false, message: `TLS: ${text}` };
  if (code === 'EAUTH' || code === 'ENOAUTH')
    return {
      kind: 'auth',
      permanent: false,
      message: `Authentication failed: ${response ?? text}`,
      response,
    };
  if (code === 'EENVELOPE' && e.responseCode !== undefined && e.responseCode >= 500)
    return { kind: 'relay_refused', permanent, message: `Relay refused: ${response ?? text}`, response };
  if (code === 'ETIMEDOUT') return { kind: 'timeout', permanent: false, message: `Timed out: ${text}` };
  if (e.responseCode !== undefined)
    return { kind: 'rejected', permanent, message: `The server answered: ${response ?? text}`, response };
  return { kind: 'connection', permanent: false, message: `Connection failed: ${text}` };
}

function isLoopback(host: string) {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function connectionOptions(s: SmtpSettings) {
  if (s.tls === 'none' && !isLoopback(s.host))
    throw Object.assign(new Error('TLS: unencrypted SMTP is only allowed to a loopback host'), {
      code: 'ETLS',
    });
  return {
    host: s.host,
    port: s.port,
    secure: s.tls === 'implicit',
    requireTLS: s.tls === 'starttls',
    ignoreTLS: s.tls === 'none',
    tls: s.tlsOptions,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    allowInternalNetworkInterfaces: true,
  };
}

/** One authenticated SMTP connection. */
async function openConnection(s: SmtpSettings): Promise<SMTPConnection> {
  const connection = new SMTPConnection(connectionOptions(s));
  connection.on('error', () => {}); // surfaced through the callbacks below
  try {
    await new Promise<void>((resolve, reject) => {
      connection.connect((error?: Error | null) => (error ? reject(error) : resolve()));
      connection.once('error', reject);
    });
    if (s.user) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: s.user, pass: s.password ?? '' }, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
    return connection;
  } catch (error) {
    // A refused login leaves the socket open: close it, or every failed attempt leaks one.
    connection.close();
    throw error;
  }
}

function sendOn(
  connection: SMTPConnection,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  beforeBody: () => Promise<void>,
  started: { body: boolean },
): Promise<string> {
  let pushed = false;
  const body = new Readable({
    read() {
      if (pushed) return;
      pushed = true;
      beforeBody().then(
        () => {
          started.body = true;
          this.push(raw);
          this.push(null);
        },
        (error) => this.destroy(error),
      );
    },
  });
  return new Promise((resolve, reject) =>
    connection.send(envelope, body, (error, info) => (error ? reject(error) : resolve(info.response))),
  );
}

export type SmtpPool = {
  send(
    envelope: { from: string; to: string[] },
    raw: Buffer,
    beforeBody?: () => Promise<void>,
  ): Promise<SendOutcome>;
  close(): void;
};

/**
 * A pool of up to `maxConnections` connections, each sending one message at a time. A
 * connection that failed is dropped; the next send opens a fresh one.
 */
export function createSmtpPool(settings: SmtpSettings, maxConnections = 5): SmtpPool {
  const idle: SMTPConnection[] = [];
  let open = 0;
  const waiting: ((c: SMTPConnection | null) => void)[] = [];
  let closed = false;

  async function acquire(): Promise<SMTPConnection> {
    const ready = idle.pop();
    if (ready) return ready;
    if (open < maxConnections) {
      open++;
      try {
        return await openConnection(settings);
      } catch (error) {
        open--;
        throw error;
      }
    }
    const handed = await new Promise<SMTPConnection | null>((resolve) => waiting.push(resolve));
    return handed ?? acquire();
  }
  function release(connection: SMTPConnection, healthy: boolean) {
    if (!healthy || closed) {
      open--;
      connection.close();
      waiting.shift()?.(null);
      return;
    }
    const next = waiting.shift();
    if (next) next(connection);
    else idle.push(connection);
  }

  return {
    async send(envelope, raw, beforeBody = async () => {}) {
      const started = { body: false };
      let connection: SMTPConnection;
      try {
        connection = await acquire();
      } catch (error) {
        return { ok: false, failure: classifySmtpError(error), bodyStarted: false };
      }
      try {
        const response = await sendOn(connection, envelope, raw, beforeBody, started);
        release(connection, true);
        return { ok: true, response };
      } catch (error) {
        const e = error as NodemailerError;
        // A refused envelope or message leaves the session usable; anything else does not.
        release(connection, e.responseCode !== undefined && e.code !== 'ECONNECTION');
        return { ok: false, failure: classifySmtpError(error), bodyStarted: started.body };
      }
    },
    close() {
      closed = true;
      for (const c of idle.splice(0)) c.close();
      for (const w of waiting.splice(0)) w(null);
    },
  };
}

/** Connects, authenticates and sends one message: what "Send a test email" runs. */
export async function sendOnce(
  settings: SmtpSettings,
  envelope: { from: string; to: string[] },
  raw: Buffer,
): Promise<SendOutcome> {
  const pool = createSmtpPool(settings, 1);
  try {
    return await pool.send(envelope, raw);
  } finally {
    pool.close();
  }
}
