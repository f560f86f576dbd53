/** One email to the contact of a deal (or a contact), from a template or written here. */
import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { trpc } from '../lib/trpc.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { getTemplates, sendEmail } from './outreach.data.ts';

export function ComposePanel(props: { dealId?: string; contactId?: string }) {
  const templates = createAsync(() => getTemplates());
  const [deal] = createResource(
    () => props.dealId,
    (id) => trpc.deals.byId.query({ id }),
  );
  const [contact] = createResource(
    () => (props.dealId ? undefined : props.contactId),
    (id) => trpc.contacts.byId.query({ id }),
  );
  const send = useAction(sendEmail);
  const sending = useSubmission(sendEmail);
  const [subject, setSubject] = createSignal('');
  const [body, setBody] = createSignal('');
  const [key, setKey] = createSignal(crypto.randomUUID());
  const recipient = () => {
    const d = deal();
    if (d) return { contactId: d.contactId, name: d.contactName, email: d.contactEmail };
    const c = contact();
    return c ? { contactId: c.id, name: c.name, email: c.emails[0] ?? null } : undefined;
  };
  const pick = (id: string) => {
    const t = templates()?.find((x) => x.id === id);
    if (t) {
      setSubject(t.subject);
      setBody(t.bodyHtml);
    }
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const r = recipient();
    if (!r) return;
    try {
      await send({
        contactId: r.contactId,
        dealId: props.dealId ?? null,
        subject: subject(),
        bodyHtml: body(),
        idempotencyKey: key(),
      });
      setKey(crypto.randomUUID());
    } catch {
      // shown from the submission
    }
  };
  return (
    <section class="card" aria-label="Compose">
      <h2>Write an email</h2>
      <Show when={deal.error ?? contact.error}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={recipient()} fallback={<p class="loading">Loading the recipient…</p>}>
        {(r) => (
          <form class="form" onSubmit={submit}>
            <p>
              To <strong>{r().name}</strong> {r().email ? `<${r().email}>` : '(no e-mail address)'}
              <Show when={deal()}>{(d) => <> · deal in {d().campaignName}</>}</Show>
            </p>
            <div class="field">
              <label for="compose-template">Start from a template</label>
              <select id="compose-template" onChange={(e) => pick(e.currentTarget.value)}>
                <option value="">None</option>
                <For each={templates()}>{(t) => <option value={t.id}>{t.name}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="compose-subject">Email subject</label>
              <input
                id="compose-subject"
                value={subject()}
                onInput={(e) => setSubject(e.currentTarget.value)}
                required
              />
            </div>
            <div class="field">
              <label for="compose-body">Email body (HTML)</label>
              <textarea
                id="compose-body"
                rows={8}
                value={body()}
                onInput={(e) => setBody(e.currentTarget.value)}
                required
              />
            </div>
            <Show when={sending.error}>{(error) => <ErrorNotice error={error()} />}</Show>
            <Show when={!sending.pending && sending.result}>
              {(q) => (
                <p role="status">
                  Queued: goes at {new Date(q().sendAt).toLocaleString()}. It shows in the outbox, then the
                  sent log.
                </p>
              )}
            </Show>
            <button type="submit" class="primary" disabled={sending.pending}>
              {sending.pending ? 'Sending…' : 'Send email'}
            </button>
          </form>
        )}
      </Show>
    </section>
  );
}
