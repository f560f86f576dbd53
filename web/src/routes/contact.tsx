import { A, createAsync, useAction, useParams, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { canWrite, getMe } from '../auth/session.ts';
import { getContact, removeContact } from '../contacts/contacts.data.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';

export default function ContactPage() {
  const params = useParams();
  const me = createAsync(() => getMe());
  const contact = createAsync(() => getContact(params.id!));
  const remove = useAction(removeContact);
  const removing = useSubmission(removeContact);
  const [confirming, setConfirming] = createSignal(false);
  return (
    <Show when={contact()} fallback={<Loading />}>
      {(c) => (
        <section>
          <p>
            <A href="/contacts">← All contacts</A>
          </p>
          <h1>{c().name}</h1>
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
                        {a.platform}: @{a.handle}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </dd>
            <dt>Notes</dt>
            <dd class="notes">{c().notes || 'None'}</dd>
            <dt>Added</dt>
            <dd>{new Date(c().createdAt).toLocaleString()}</dd>
          </dl>
          <Show when={removing.error}>
            <ErrorNotice error={removing.error} />
          </Show>
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
