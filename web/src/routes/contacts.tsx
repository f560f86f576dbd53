import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { AddToCampaign } from '../contacts/add-to-campaign.tsx';
import { type ContactList, exportContactsCsv, getContacts } from '../contacts/contacts.data.ts';
import { downloadText } from '../lib/download.ts';
import { errorMessage } from '../lib/trpc.ts';
import { type DataColumn, DataTable } from '../ui/data-table.tsx';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { EmptyState, Loading } from '../ui/feedback.tsx';

type ContactRow = ContactList['items'][number];

const columns: DataColumn<ContactRow>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: (c) => (
      <>
        <A href={`/contacts/${c.id}`}>{c.name}</A>
        <DoNotContactBadge when={c.doNotContact} spaced />
      </>
    ),
  },
  { id: 'email', header: 'Email', cell: (c) => c.emails[0] ?? '' },
  {
    id: 'social',
    header: 'Social',
    cell: (c) => c.socialAccounts.map((a) => `${a.platform}:@${a.handle}`).join(', '),
  },
  { id: 'tags', header: 'Tags', cell: (c) => <For each={c.tags}>{(t) => <span class="tag">{t}</span>}</For> },
];

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
            <DataTable
              rows={p().items}
              rowKey={(c) => c.id}
              selection={{
                selected: selected(),
                onChange: setSelected,
                allLabel: 'Select all contacts on this page',
                rowLabel: (c) => `Select ${c.name}`,
              }}
              columns={columns}
            />
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
