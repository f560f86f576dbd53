/**
 * Opening an IMAP connection for a mailbox, and saying in a person's words what went wrong:
 * the name did not resolve, nothing listens, TLS failed, the password was refused, the folder
 * is missing. Passwords are opened from their sealed form only here and never logged.
 */
import { ImapFlow } from 'imapflow';
import type { Mailbox } from '../../db/schema/index.ts';
import { secretBox } from '../../lib/secret-box.ts';
import { InboxError } from './inbox.errors.ts';

export type ImapTls = 'implicit' | 'starttls' | 'none';
export type ImapSettings = {
  host: string;
  port: number;
  tls: ImapTls;
  user: string;
  password: string;
  folder: string;
};

export type ImapFailureStep = 'config' | 'dns' | 'connect' | 'tls' | 'auth' | 'folder';

const loopback = (host: string) =>
  host === 'localhost' || host === '::1' || /^127\./.test(host) || host.endsWith('.localhost');

/**
 * The stored mailbox as connection settings. `imapTls` on means TLS: implicit on port 993,
 * STARTTLS required on any other port; off means plain text, which only loopback may use.
 */
export function imapSettingsOf(mailbox: Mailbox, serverSecret: string): ImapSettings {
  if (!mailbox.imapHost || !mailbox.imapPort || !mailbox.imapUser || !mailbox.imapPasswordSealed) {
    throw new InboxError('inbox_not_configured', 'This mailbox has no IMAP settings for replies.');
  }
  return {
    host: mailbox.imapHost,
    port: mailbox.imapPort,
    tls: mailbox.imapTls ? (mailbox.imapPort === 993 ? 'implicit' : 'starttls') : 'none',
    user: mailbox.imapUser,
    password: secretBox(serverSecret, 'mailbox').open(mailbox.imapPasswordSealed),
    folder: mailbox.imapFolder || 'INBOX',
  };
}

export function createImapClient(settings: ImapSettings, timeoutMs = 20_000) {
  if (settings.tls === 'none' && !loopback(settings.host)) {
    throw new InboxError(
      'imap_insecure',
      'IMAP without TLS is only allowed on this machine (loopback): the password would cross the network in clear text.',
    );
  }
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: true,
  });
}

type ErrorLike = {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
};

const tlsCodes =
  /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$|HOSTNAME_MISMATCH|ClosedAfterConnectTLS|STARTTLS_INJECTION)/;

/** Which step a connection error belongs to, and a sentence for the person who set it up. */
export function describeImapFailure(
  error: unknown,
  settings: Pick<ImapSettings, 'host' | 'port' | 'user' | 'folder'>,
) {
  if (error instanceof InboxError) {
    return { step: 'config' as ImapFailureStep, message: error.message };
  }
  const e = (error ?? {}) as ErrorLike;
  const where = `${settings.host}:${settings.port}`;
  const code = e.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return {
      step: 'dns' as ImapFailureStep,
      message: `The name ${settings.host} does not resolve (DNS: ${code}).`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      step: 'connect' as ImapFailureStep,
      message: `Connection refused by ${where}: nothing accepts IMAP there.`,
    };
  }
  if (
    ['ETIMEDOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'ETIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(
      code,
    )
  ) {
    return { step: 'connect' as ImapFailureStep, message: `No answer from ${where} (${code}).` };
  }
  if (e.tlsFailed || tlsCodes.test(code) || /\b(ssl|tls|certificate)\b/i.test(e.message ?? '')) {
    return { step: 'tls' as ImapFailureStep, message: `TLS failed with ${where}: ${e.message ?? code}` };
  }
  if (e.authenticationFailed) {
    return {
      step: 'auth' as ImapFailureStep,
      message: `The server refused user ${settings.user}: ${e.responseText || 'wrong user name or password'}.`,
    };
  }
  if (
    e.serverResponseCode === 'NONEXISTENT' ||
    /nonexistent|doesn't exist|not exist|unknown mailbox/i.test(`${e.responseText ?? ''} ${e.message ?? ''}`)
  ) {
    return {
      step: 'folder' as ImapFailureStep,
      message: `The folder “${settings.folder}” does not exist on the server.`,
    };
  }
  if (code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ECONNRESET') {
    return { step: 'connect' as ImapFailureStep, message: `${where} closed the connection (${code}).` };
  }
  return {
    step: 'connect' as ImapFailureStep,
    message: `IMAP failed at ${where}: ${e.message ?? 'unknown error'}`,
  };
}
