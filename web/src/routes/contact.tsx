import { A, createAsync, useAction, useParams, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { canAdmin, canWrite, useMe } from '../auth/session.ts';
import { formatMoney } from '../campaigns/money.ts';
import { ContactOrigins } from '../contacts/contact-origins.tsx';
import {
  eraseContact,
  exportContactData,
  getContact,
  getContactDeals,
  getContactTimeline,
  removeContact,
} from '../contacts/contacts.data.ts';
import { Timeline } from '../deals/timeline.tsx';
import { downloadText } from '../lib/download.ts';
import { errorMessage } from '../lib/trpc.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Markdown } from '../ui/markdown.tsx';

export default function ContactPage() {
  const params = useParams();
  const me = useMe();
  const contact = createAsync(() => getContact(params.id!));
  const remove = useAction(removeContact);
  const removing = useSubmission(removeContact);
  const [confirming, setConfirming] = createSignal(false);
  const contactDeals = createAsync(() => getContactDeals(params.id!));
  const feed = createAsync(() => getContactTimeline(params.id!));
  const erase = useAction(eraseContact);
  const erasing = useSubmission(eraseContact);
  const [confirmErase, setConfirmErase] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();
  const exportData = async (id: string, name: string) => {
    setExportError(undefined);
    try {
      const data = await exportContactData(id);
      downloadText(
        `${name.replace(/[^\w-]+/g, '-')}-data.json`,
        JSON.stringify(data, null, 2),
        'application/json',
      );
    } catch (error) {
      setExportError(errorMessage(error));
    }
  };
  return (
    <Show when={contact()} fallback={<Loading />}>
      {(c) => (
        <section>
          <p>
            <A href="/contacts">← All contacts</A>
          </p>
          <div class="page-head">
            <h1>{c().name}</h1>
            <DoNotContactBadge when={c().doNotContact} />
          </div>
          <Show when={canWrite(me())}>
            <div class="actions">
              <A class="button" href={`/contacts/${c().id}/edit`}>
                Edit
              </A>
              <button type="button" class="danger" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </div>
          </Show>
          <Show when={canAdmin(me())}>
            <div class="actions" role="group" aria-label="Personal data">
              <button type="button" onClick={() => exportData(c().id, c().name)}>
                Export all data (JSON)
              </button>
              <button type="button" class="danger" onClick={() => setConfirmErase(true)}>
                Erase personal data
              </button>
            </div>
          </Show>
          <Show when={exportError()}>
            <p class="error" role="alert">
              {exportError()}
            </p>
          </Show>
          <dl class="details">
            <dt>Emails</dt>
            <dd>
              <Show when={c().emails.length} fallback="None">
                <For each={c().emails}>{(e) => <a href={`mailto:${e}`}>{e} </a>}</For>
              </Show>
            </dd>
            <dt>Tags</dt>
            <dd>
              <Show when={c().tags.length} fallback="None">
                <For each={c().tags}>{(t) => <span class="tag">{t}</span>}</For>
              </Show>
            </dd>
            <dt>Social accounts</dt>
            <dd>
              <Show when={c().socialAccounts.length} fallback="None">
                <ul>
                  <For each={c().socialAccounts}>
                    {(a) => (
                      <li>
                        {a.platform}:{' '}
                        <Show when={a.url} fallback={`@${a.handle}`}>
                          {(url) => (
                            <a href={url()} rel="noopener noreferrer" target="_blank">
                              @{a.handle}
                            </a>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </dd>
            <Show when={c().origins.length}>
              <dt>Discovered</dt>
              <dd>
                <ContactOrigins origins={c().origins} />
              </dd>
            </Show>
            <dt>Notes</dt>
            <dd class="notes">
              <Show when={c().notes.trim()} fallback="None">
                <Markdown source={c().notes} />
              </Show>
            </dd>
            <dt>Added</dt>
            <dd>{new Date(c().createdAt).toLocaleString()}</dd>
          </dl>
          <h2>Campaigns</h2>
          <Show when={contactDeals()} fallback={<Loading />}>
            {(list) => (
              <Show when={list().length} fallback={<p class="muted">Not in any campaign yet.</p>}>
                <ul class="plain">
                  <For each={list()}>
                    {(d) => (
                      <li>
                        <A href={`/deals/${d.id}`}>{d.campaignName}</A>: {d.stageName} ·{' '}
                        {formatMoney(d.feeMinor, d.currency)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
          <h2>Timeline</h2>
          <Show when={feed()} fallback={<Loading />}>
            {(f) => <Timeline items={f().items} label="Contact timeline" />}
          </Show>
          <Show when={removing.error ?? erasing.error}>
            <ErrorNotice error={removing.error ?? erasing.error} />
          </Show>
          <ConfirmDialog
            open={confirmErase()}
            title={`Erase ${c().name}?`}
            message="Erasing removes the contact, their social accounts, deals, timeline and change history. Only an audit entry without personal data remains. This cannot be undone."
            confirmLabel="Erase everything"
            busy={erasing.pending}
            onCancel={() => setConfirmErase(false)}
            onConfirm={() => erase(c().id).finally(() => setConfirmErase(false))}
          />
          <ConfirmDialog
            open={confirming()}
            title={`Delete ${c().name}?`}
            message="This removes the contact and their social accounts. It cannot be undone."
            confirmLabel="Delete contact"
            busy={removing.pending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove(c().id).finally(() => setConfirming(false))}
          />
        </section>
      )}
    </Show>
  );
}
