/**
 * Settings → Email: "Check the inbox" on a mailbox that reads replies. It connects, signs in and
 * opens the folder read-only, then says what it found, or which step failed and why, in words
 * an admin can act on (the server names the step: see server/outreach/inbox/check-inbox.ts).
 */
import { Show } from 'solid-js';
import { createOneShot } from '../lib/one-shot.ts';
import { checkInbox, type InboxCheck } from '../outreach/inbox.data.ts';
import type { Mailbox } from '../outreach/outreach.data.ts';

const steps: Record<Extract<InboxCheck, { ok: false }>['step'], string> = {
  config: 'the settings',
  dns: 'finding the server',
  connect: 'connecting',
  tls: 'encryption (TLS)',
  auth: 'signing in',
  folder: 'opening the folder',
};

export function describeCheck(mailbox: Mailbox, result: InboxCheck): string {
  if (!result.ok) return `Failed at ${steps[result.step]}: ${result.message}`;
  const count = `${result.messages.toLocaleString()} message${result.messages === 1 ? '' : 's'}`;
  const arrival = result.idle
    ? 'replies are read as they arrive (IDLE)'
    : 'the server has no IDLE, so replies are read every minute';
  const security = result.tls ? 'encrypted' : 'not encrypted (allowed on this machine only)';
  return `Connected to ${mailbox.imapHost} as ${mailbox.imapUser}: “${result.folder}” holds ${count}; ${arrival}; ${security}.`;
}

export function InboxCheckButton(props: { mailbox: Mailbox }) {
  const { result, busy, run } = createOneShot(async () =>
    describeCheck(props.mailbox, await checkInbox(props.mailbox.id)),
  );
  return (
    <div class="inline-form">
      <button type="button" disabled={busy()} onClick={run}>
        {busy() ? 'Checking…' : `Check the inbox of ${props.mailbox.name}`}
      </button>
      <Show when={result()}>{(r) => <p role="status">{r()}</p>}</Show>
    </div>
  );
}
