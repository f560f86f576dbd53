import { A, createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { EmptyState, ErrorNotice, Loaded } from '../ui/feedback.tsx';
import {
  getInbox,
  getInboxCounts,
  getInboxStatus,
  type InboundItem,
  type InboxFilter,
  markHandled,
  syncInbox,
} from './inbox.data.ts';

const tabs: { filter: InboxFilter; label: string; count?: (c: Counts) => number }[] = [
  { filter: 'to_handle', label: 'To handle', count: (c) => c.toHandle },
  { filter: 'handled', label: 'Handled', count: (c) => c.handled },
  { filter: 'auto_reply', label: 'Auto-replies', count: (c) => c.autoReplies },
  { filter: 'bounce', label: 'Bounces', count: (c) => c.bounces },
  { filter: 'unsubscribe', label: 'Unsubscribes', count: (c) => c.unsubscribes },
  { filter: 'unrelated', label: 'Other mail', count: (c) => c.unrelated },
];
type Counts = {
  toHandle: number;
  handled: number;
  autoReplies: number;
  bounces: number;
  unsubscribes: number;
  unrelated: number;
};

const kindLabels: Record<InboundItem['kind'], { text: string; class: string }> = {
  reply: { text: 'Reply', class: 'badge status-active' },
  auto_reply: { text: 'Auto-reply', class: 'badge warn' },
  bounce: { text: 'Bounced', class: 'badge danger' },
  unsubscribe: { text: 'Unsubscribed', class: 'badge danger' },
  unrelated: { text: 'Not a reply', class: 'badge' },
};

/** What someone wrote, with the part they quoted folded away. */
export function MessageText(props: { body: string; quoted: string }) {
  return (
    <div class="message-text">
      <p class="notes">{props.body || '(no text)'}</p>
      <Show when={props.quoted}>
        <details>
          <summary>Show quoted text</summary>
          <blockquote class="notes muted">{props.quoted}</blockquote>
        </details>
      </Show>
    </div>
  );
}

/** A reply, auto-reply or bounce on a deal's or contact's timeline. */
export function EmailTimelineEntry(props: { kind: string; payload: Record<string, unknown> }) {
  const p = () => props.payload;
  return (
    <div class="timeline-email">
      <Show
        when={props.kind !== 'email_bounced'}
        fallback={
          <p class="small">
            {String(p().recipient ?? '')} bounced ({String(p().status ?? '')}): {String(p().diagnostic ?? '')}
          </p>
        }
      >
        <p class="small">
          <strong>{String(p().subject ?? '')}</strong>
          <Show when={props.kind === 'email_auto_reply'}>
            {' '}
            <span class="badge warn">Auto-reply</span> <span class="muted">({String(p().reason ?? '')})</span>
          </Show>
        </p>
        <MessageText body={String(p().body ?? '')} quoted={String(p().quoted ?? '')} />
      </Show>
    </div>
  );
}

/** The inbox on its own page (/outreach/inbox), linked from the Outreach page. */
export function InboxPage() {
  return (
    <section>
      <h1>Replies</h1>
      <InboxSection />
    </section>
  );
}

/** The inbox: replies to handle, auto-replies and bounces labelled, and when each mailbox was read. */
export function InboxSection() {
  const [filter, setFilter] = createSignal<InboxFilter>('to_handle');
  const counts = createAsync(() => getInboxCounts());
  return (
    <section class="card" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">Inbox</h2>
      <Loaded query={getInboxStatus.key} label="Loading mailboxes…">
        <MailboxStatus />
      </Loaded>
      <nav class="tabs" aria-label="Inbox views">
        <For each={tabs}>
          {(tab) => (
            <button
              type="button"
              aria-current={filter() === tab.filter ? 'page' : undefined}
              onClick={() => setFilter(tab.filter)}
            >
              {tab.label}
              <Show when={counts()}>{(c) => ` (${tab.count?.(c()) ?? 0})`}</Show>
            </button>
          )}
        </For>
      </nav>
      <Loaded query={getInbox.key} label="Loading messages…">
        <InboxList filter={filter()} />
      </Loaded>
    </section>
  );
}

function MailboxStatus() {
  const status = createAsync(() => getInboxStatus());
  const sync = useAction(syncInbox);
  const syncing = useSubmission(syncInbox);
  return (
    <Show
      when={status()?.length}
      fallback={
        <p class="muted">No mailbox reads replies yet: add IMAP settings to a mailbox in Settings → Email.</p>
      }
    >
      <ul class="plain">
        <For each={status()}>
          {(m) => (
            <li>
              <strong>{m.mailboxName}</strong> ({m.folder}) ·{' '}
              {m.syncing
                ? 'reading now…'
                : m.lastSyncedAt
                  ? `last checked ${new Date(m.lastSyncedAt).toLocaleString()}`
                  : 'not checked yet'}{' '}
              <Show when={m.lastError}>
                <span
                  class="badge danger"
                  title={m.lastErrorAt ? new Date(m.lastErrorAt).toLocaleString() : ''}
                >
                  {m.lastError}
                </span>{' '}
              </Show>
              <button
                type="button"
                disabled={syncing.pending}
                onClick={() => sync(m.mailboxId).catch(() => {})}
              >
                {syncing.pending && syncing.input?.[0] === m.mailboxId
                  ? 'Checking…'
                  : `Check ${m.mailboxName} now`}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={syncing.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <Show when={!syncing.pending && syncing.result}>
        {(r) => (
          <p role="status" class="small">
            {r().status === 'busy'
              ? 'Another check is reading this mailbox right now.'
              : `Read ${r().fetched} new message${r().fetched === 1 ? '' : 's'}.`}
          </p>
        )}
      </Show>
    </Show>
  );
}

function InboxList(props: { filter: InboxFilter }) {
  const page = createAsync(() => getInbox(props.filter));
  const handle = useAction(markHandled);
  const handling = useSubmission(markHandled);
  return (
    <>
      <Show when={handling.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <Show when={page()?.items.length} fallback={<EmptyState title={emptyTitle(props.filter)} />}>
        <ol class="plain inbox-list" aria-label="Messages">
          <For each={page()?.items}>
            {(m) => (
              <li class="card" aria-label={`${kindLabels[m.kind].text} from ${m.fromName || m.fromAddress}`}>
                <p>
                  <span class={kindLabels[m.kind].class}>{kindLabels[m.kind].text}</span>{' '}
                  <strong>{m.fromName || m.fromAddress}</strong>{' '}
                  <span class="muted">&lt;{m.fromAddress}&gt;</span> ·{' '}
                  <time dateTime={new Date(m.receivedAt).toISOString()}>
                    {new Date(m.receivedAt).toLocaleString()}
                  </time>
                </p>
                <p>
                  <strong>{m.subject || '(no subject)'}</strong>
                  <Show when={m.contactId}>
                    {' '}
                    · <A href={`/contacts/${m.contactId}`}>{m.contactName}</A>
                  </Show>
                  <Show when={m.dealId}>
                    {' '}
                    · <A href={`/deals/${m.dealId}`}>{m.campaignName}</A> ({m.stageName})
                  </Show>
                </p>
                <Show when={m.kind === 'auto_reply' && m.reason}>
                  <p class="small muted">Automatic: {m.reason}. It does not stop the sequence.</p>
                </Show>
                <Show
                  when={m.kind === 'bounce'}
                  fallback={<MessageText body={m.bodyText} quoted={m.quotedText} />}
                >
                  <p class="small">
                    {m.bounceRecipient ?? 'An address'} bounced ({m.bounceStatus}): {m.bounceDiagnostic}. The
                    address is suppressed.
                  </p>
                </Show>
                <Show when={m.kind === 'reply'}>
                  <button
                    type="button"
                    disabled={handling.pending}
                    onClick={() => handle(m.id, !m.handledAt).catch(() => {})}
                  >
                    {m.handledAt ? 'Mark as not handled' : 'Mark handled'}
                  </button>
                  <Show when={m.handledAt}>
                    <span class="small muted">
                      {' '}
                      Handled by {m.handledByName ?? 'someone'} on {new Date(m.handledAt!).toLocaleString()}
                    </span>
                  </Show>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </>
  );
}

function emptyTitle(filter: InboxFilter) {
  switch (filter) {
    case 'to_handle':
      return 'No replies to handle';
    case 'handled':
      return 'No handled replies yet';
    case 'auto_reply':
      return 'No auto-replies';
    case 'bounce':
      return 'No bounces';
    case 'unsubscribe':
      return 'No unsubscribe requests by email';
    default:
      return 'No other mail';
  }
}
