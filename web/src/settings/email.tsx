/** Settings → Email: sending mailboxes (admins), each user's sender identity, the workspace time zone. */
import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { canAdmin, useMe } from '../auth/session.ts';
import { createOneShot } from '../lib/one-shot.ts';
import {
  getIdentity,
  getMailboxes,
  getOutreachSettings,
  type Mailbox,
  type MailboxInput,
  removeMailbox,
  saveIdentity,
  saveMailbox,
  saveTimeZone,
  testMailbox,
} from '../outreach/outreach.data.ts';
import { EmptyState, ErrorNotice, Loaded } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';
import { InboxCheckButton } from './inbox-check.tsx';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const num = (form: FormData, name: string) => (text(form, name) === '' ? null : Number(text(form, name)));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function mailboxFromForm(form: FormData): MailboxInput {
  const optional = (name: string) => (text(form, name) === '' ? undefined : text(form, name));
  return {
    name: text(form, 'name'),
    fromAddress: text(form, 'fromAddress'),
    smtpHost: text(form, 'smtpHost'),
    smtpPort: Number(text(form, 'smtpPort')),
    smtpTls: text(form, 'smtpTls') as MailboxInput['smtpTls'],
    smtpUser: text(form, 'smtpUser'),
    smtpPassword: optional('smtpPassword'),
    imapHost: text(form, 'imapHost') || null,
    imapPort: text(form, 'imapHost') ? num(form, 'imapPort') : null,
    imapTls: text(form, 'imapTls') !== 'none',
    imapUser: text(form, 'imapUser') || null,
    imapPassword: optional('imapPassword'),
    imapFolder: text(form, 'imapFolder') || 'INBOX',
    dkimDomain: text(form, 'dkimDomain') || null,
    dkimSelector: text(form, 'dkimSelector') || null,
    dkimPrivateKey: optional('dkimPrivateKey'),
    dailyCap: num(form, 'dailyCap'),
    hourlyCap: num(form, 'hourlyCap'),
    spacingMinutes: num(form, 'spacingMinutes') ?? 0,
    jitterMinutes: num(form, 'jitterMinutes') ?? 0,
    sendWindow: form.get('windowOn')
      ? {
          days: [1, 2, 3, 4, 5],
          startMinute: minutes(text(form, 'windowStart')),
          endMinute: minutes(text(form, 'windowEnd')),
        }
      : null,
  };
}

export function EmailSection() {
  const me = useMe();
  return (
    <section class="card">
      <h2>Email</h2>
      <Show when={canAdmin(me())} fallback={<p class="muted">Admins add sending mailboxes.</p>}>
        <Loaded query={getMailboxes.key} label="Loading mailboxes…">
          <MailboxList />
        </Loaded>
        <MailboxForm mailbox={null} />
        <TimeZoneForm />
      </Show>
      <Loaded query={getIdentity.key} label="Loading your sender identity…">
        <IdentityForm />
      </Loaded>
    </section>
  );
}

function MailboxList() {
  const boxes = createAsync(() => getMailboxes());
  const remove = useAction(removeMailbox);
  return (
    <Show
      when={boxes()?.length}
      fallback={
        <EmptyState title="No mailbox yet">
          <p>Add one below to send email from Murmur.</p>
        </EmptyState>
      }
    >
      <ul class="plain">
        <For each={boxes()}>
          {(m) => (
            <li>
              <strong>{m.name}</strong> &lt;{m.fromAddress}&gt; · {m.smtpHost}:{m.smtpPort} ({m.smtpTls}) ·
              cap {m.dailyCap ?? '∞'}/day, {m.hourlyCap ?? '∞'}/hour · password{' '}
              {m.hasSmtpPassword ? 'set' : 'none'} · DKIM{' '}
              {m.hasDkimKey ? `${m.dkimSelector}._domainkey.${m.dkimDomain}` : 'off'} · replies{' '}
              {m.imapHost
                ? `from ${m.imapUser}@${m.imapHost}:${m.imapPort} (${m.imapTls ? 'TLS' : 'no TLS'}), ${m.imapFolder || 'INBOX'}`
                : 'not read (no IMAP settings)'}
              <TestButton mailbox={m} />
              <Show when={m.imapHost}>
                <InboxCheckButton mailbox={m} />
              </Show>
              <button
                type="button"
                onClick={() => window.confirm(`Remove ${m.name}?`) && remove(m.id).catch(() => {})}
              >
                Remove {m.name}
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

function TestButton(props: { mailbox: Mailbox }) {
  const [to, setTo] = createSignal('');
  const { result, busy, run } = createOneShot(async () => {
    const r = await testMailbox(props.mailbox.id, to() || props.mailbox.fromAddress);
    return r.ok ? `Sent. The server answered: ${r.response}` : `Failed (${r.kind}): ${r.message}`;
  });
  return (
    <div class="inline-form">
      <input
        aria-label={`Test recipient for ${props.mailbox.name}`}
        placeholder={props.mailbox.fromAddress}
        value={to()}
        onInput={(e) => setTo(e.currentTarget.value)}
      />
      <button type="button" disabled={busy()} onClick={run}>
        {busy() ? 'Sending…' : 'Send a test email'}
      </button>
      <Show when={result()}>{(r) => <p role="status">{r()}</p>}</Show>
    </div>
  );
}

function MailboxForm(props: { mailbox: Mailbox | null }) {
  const saving = useSubmission(saveMailbox);
  const save = useAction(saveMailbox);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      await save(props.mailbox?.id ?? null, mailboxFromForm(new FormData(form)));
      form.reset();
    } catch {
      // shown below from the submission
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Add a mailbox">
      <h3>Add a mailbox</h3>
      <Field label="Mailbox name" name="name" required />
      <Field label="From address" name="fromAddress" type="email" required />
      <Field label="SMTP host" name="smtpHost" required />
      <Field label="SMTP port" name="smtpPort" type="number" value="587" required />
      <div class="field">
        <label for="smtp-tls">SMTP security</label>
        <select id="smtp-tls" name="smtpTls">
          <option value="starttls">STARTTLS (required)</option>
          <option value="implicit">TLS from the start (port 465)</option>
          <option value="none">None (loopback only)</option>
        </select>
      </div>
      <Field label="SMTP user" name="smtpUser" />
      <Field label="SMTP password" name="smtpPassword" type="password" autocomplete="new-password" />
      <details>
        <summary>Replies (IMAP), DKIM and limits</summary>
        <Field label="IMAP host" name="imapHost" />
        <Field label="IMAP port" name="imapPort" type="number" value="993" />
        <div class="field">
          <label for="imap-tls">IMAP security</label>
          <select id="imap-tls" name="imapTls">
            <option value="tls">TLS (from the start on port 993, STARTTLS on any other)</option>
            <option value="none">None (loopback only)</option>
          </select>
        </div>
        <Field label="IMAP user" name="imapUser" />
        <Field label="IMAP password" name="imapPassword" type="password" autocomplete="new-password" />
        <Field label="IMAP folder" name="imapFolder" value="INBOX" />
        <Field label="DKIM domain" name="dkimDomain" />
        <Field label="DKIM selector" name="dkimSelector" />
        <Field label="DKIM private key (PEM)" name="dkimPrivateKey" multiline />
        <Field label="Daily cap (empty: none)" name="dailyCap" type="number" value="50" />
        <Field label="Hourly cap (empty: none)" name="hourlyCap" type="number" value="10" />
        <Field label="Minutes between sends" name="spacingMinutes" type="number" value="3" />
        <Field label="Random extra minutes" name="jitterMinutes" type="number" value="4" />
        <label>
          <input type="checkbox" name="windowOn" checked /> Send on weekdays only, between
        </label>
        <input aria-label="Window start" name="windowStart" type="time" value={hhmm(540)} /> and{' '}
        <input aria-label="Window end" name="windowEnd" type="time" value={hhmm(1020)} />
      </details>
      <Show when={saving.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <button type="submit" class="primary" disabled={saving.pending}>
        Save mailbox
      </button>
    </form>
  );
}

function TimeZoneForm() {
  const settings = createAsync(() => getOutreachSettings());
  const save = useAction(saveTimeZone);
  const saving = useSubmission(saveTimeZone);
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        save(text(new FormData(e.currentTarget), 'timeZone')).catch(() => {});
      }}
    >
      <Field
        label="Workspace time zone (for send windows)"
        name="timeZone"
        value={settings()?.timeZone ?? 'UTC'}
      />
      <Show when={saving.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <button type="submit" disabled={saving.pending}>
        Save time zone
      </button>
    </form>
  );
}

function IdentityForm() {
  const identity = createAsync(() => getIdentity());
  const boxes = createAsync(() => getMailboxes());
  const save = useAction(saveIdentity);
  const saving = useSubmission(saveIdentity);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    save({
      mailboxId: text(form, 'mailboxId'),
      fromName: text(form, 'fromName'),
      signatureHtml: String(form.get('signatureHtml') ?? ''),
    }).catch(() => {});
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Your sender identity">
      <h3>Your sender identity</h3>
      <Show when={boxes()?.length} fallback={<p class="muted">An admin must add a mailbox first.</p>}>
        <div class="field">
          <label for="identity-mailbox">Send from</label>
          <select id="identity-mailbox" name="mailboxId">
            <For each={boxes()}>
              {(m) => (
                <option value={m.id} selected={identity()?.mailboxId === m.id}>
                  {m.name} &lt;{m.fromAddress}&gt;
                </option>
              )}
            </For>
          </select>
        </div>
        <Field label="From name" name="fromName" value={identity()?.fromName ?? ''} required />
        <Field
          label="Signature (HTML)"
          name="signatureHtml"
          value={identity()?.signatureHtml ?? ''}
          multiline
        />
        <Show when={saving.error}>{(error) => <ErrorNotice error={error()} />}</Show>
        <Show when={!saving.pending && saving.result?.saved}>
          <p role="status">Saved.</p>
        </Show>
        <button type="submit" class="primary" disabled={saving.pending}>
          Save identity
        </button>
      </Show>
    </form>
  );
}
