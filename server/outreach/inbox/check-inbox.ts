/**
 * Settings → Email's "Check the inbox": connects with the given settings, logs in, opens the
 * folder read-only and reports the first step that failed (DNS, connection, TLS, login, folder)
 * in words, or what it found. Nothing is read or changed in the mailbox.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  createImapClient,
  describeImapFailure,
  type ImapFailureStep,
  type ImapSettings,
} from './imap-connection.ts';

export type InboxCheck =
  | { ok: true; folder: string; messages: number; idle: boolean; tls: boolean }
  | { ok: false; step: ImapFailureStep; message: string };

export async function checkInbox(
  settings: ImapSettings,
  options: { timeoutMs?: number } = {},
): Promise<InboxCheck> {
  const fail = (error: unknown): InboxCheck => ({ ok: false, ...describeImapFailure(error, settings) });
  let client: ReturnType<typeof createImapClient>;
  try {
    client = createImapClient(settings, options.timeoutMs ?? 10_000);
  } catch (error) {
    return fail(error);
  }
  if (isIP(settings.host) === 0) {
    try {
      await lookup(settings.host);
    } catch (error) {
      return fail(error);
    }
  }
  // A socket error after connect is reported through the awaited command; without a listener
  // it would also surface as an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
    const status = await client.status(settings.folder, { messages: true });
    if (!status) return fail({ serverResponseCode: 'NONEXISTENT' });
    return {
      ok: true,
      folder: settings.folder,
      messages: status.messages ?? 0,
      idle: client.capabilities.has('IDLE'),
      tls: client.secureConnection,
    };
  } catch (error) {
    return fail(error);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
