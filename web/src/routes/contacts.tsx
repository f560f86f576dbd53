import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { canWrite, getMe } from '../auth/session.ts';
import { getContacts } from '../contacts/contacts.data.ts';
import { EmptyState, Loading } from '../ui/feedback.tsx';

export default function ContactsPage() {
  const [params, setParams] = useSearchParams<{ q?: string; after?: string }>();
  const me = createAsync(() => getMe());
  const search = () => params.q ?? '';
  const page = createAsync(() => getContacts(search(), params.after));
  // Cursors of the pages before this one, so "Previous" can go back.
  const [previous, setPrevious] = createSignal<(string | undefined)[]>([]);
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
        <Show when={canWrite(me())}>
          <A class="button primary" href="/contacts/new">
            New contact
          </A>
        </Show>
      </div>
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
                        <A href={`/contacts/${c.id}`}>{c.name}</A>
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
