import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { AddToCampaign } from '../contacts/add-to-campaign.tsx';
import { exportContactsCsv, getContacts } from '../contacts/contacts.data.ts';
import { downloadText } from '../lib/download.ts';
import { errorMessage } from '../lib/trpc.ts';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { EmptyState, Loading } from '../ui/feedback.tsx';

export default function ContactsPage() {
  const [params, setParams] = useSearchParams<{ q?: string; after?: string; campaign?: string }>();
  const me = useMe();
  const search = () => params.q ?? '';
  const page = createAsync(() => getContacts(search(), params.after));
  // Cursors of the pages before this one, so "Previous" can go back.
  const [previous, setPrevious] = createSignal<(string | undefined)[]>([]);
  // Selection survives paging and searching, so people can gather contacts from several pages.
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [exportError, setExportError] = createSignal<string>();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const exportCsv = async () => {
    setExportError(undefined);
    try {
      const csv = await exportContactsCsv(search());
      downloadText('contacts.csv', csv);
    } catch (error) {
      setExportError(errorMessage(error));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const onSearch = (value: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      setPrevious([]);
      setParams({ q: value || undefined, after: undefined }, { replace: true });
    }, 250);
  };
  const next = (cursor: string) => {
    setPrevious([...previous(), params.after]);
    setParams({ after: cursor });
  };
  const back = () => {
    const stack = previous();
    setPrevious(stack.slice(0, -1));
    setParams({ after: stack.at(-1) });
  };

  return (
    <section>
      <div class="page-head">
        <h1>Contacts</h1>
        <div class="actions">
          <button type="button" onClick={exportCsv}>
            Export CSV
          </button>
          <Show when={canWrite(me())}>
            <A class="button" href="/contacts/import">
              Import CSV
            </A>
            <A class="button primary" href="/contacts/new">
              New contact
            </A>
          </Show>
        </div>
      </div>
      <Show when={exportError()}>
        <p class="error" role="alert">
          {exportError()}
        </p>
      </Show>
      <Show when={canWrite(me())}>
        <AddToCampaign
          contactIds={[...selected()]}
          preselected={params.campaign}
          onDone={() => setSelected(new Set<string>())}
        />
      </Show>
      <div class="toolbar">
        <label for="contact-search">Search contacts</label>
        <input
          id="contact-search"
          type="search"
          placeholder="Name, email, tag or handle"
          value={search()}
          onInput={(e) => onSearch(e.currentTarget.value)}
        />
      </div>
      <Show when={page()} fallback={<Loading label="Loading contacts…" />}>
        {(p) => (
          <Show
            when={p().items.length > 0}
            fallback={
              <EmptyState title={search() ? 'No contacts match' : 'No contacts yet'}>
                <p>
                  {search() ? `Nothing matches “${search()}”.` : 'Add the people and brands you work with.'}
                </p>
              </EmptyState>
            }
          >
            <p class="muted" aria-live="polite">
              {p().total} {p().total === 1 ? 'contact' : 'contacts'}
            </p>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select all contacts on this page"
                      checked={p().items.every((c) => selected().has(c.id))}
                      onChange={(e) => {
                        const next = new Set(selected());
                        for (const c of p().items) {
                          if (e.currentTarget.checked) next.add(c.id);
                          else next.delete(c.id);
                        }
                        setSelected(next);
                      }}
                    />
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Social</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                <For each={p().items}>
                  {(c) => (
                    <tr>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select ${c.name}`}
                          checked={selected().has(c.id)}
                          onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                        />
                      </td>
                      <td>
                        <A href={`/contacts/${c.id}`}>{c.name}</A>
                        <DoNotContactBadge when={c.doNotContact} spaced />
                      </td>
                      <td>{c.emails[0] ?? ''}</td>
                      <td>{c.socialAccounts.map((a) => `${a.platform}:@${a.handle}`).join(', ')}</td>
                      <td>
                        <For each={c.tags}>{(t) => <span class="tag">{t}</span>}</For>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <nav class="pager" aria-label="Pages">
              <button type="button" disabled={previous().length === 0} onClick={back}>
                Previous page
              </button>
              <button
                type="button"
                disabled={!p().nextCursor}
                onClick={() => p().nextCursor && next(p().nextCursor!)}
              >
                Next page
              </button>
            </nav>
          </Show>
        )}
      </Show>
    </section>
  );
}
