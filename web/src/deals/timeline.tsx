import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { EmailTimelineEntry } from '../outreach/inbox-list.tsx';
import { EmptyState } from '../ui/feedback.tsx';
import { Markdown } from '../ui/markdown.tsx';

type Item = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string | Date;
  actorName: string | null;
  actorEmail: string | null;
  /** The influencer the event concerns (gone when the contact was deleted). */
  contactName?: string | null;
  contactId?: string | null;
  dealId?: string | null;
};

const fieldNames: Record<string, string> = {
  feeMinor: 'fee',
  ownerId: 'owner',
  nextAction: 'next action',
  nextActionAt: 'next action date',
  doNotContact: 'do-not-contact',
  socialAccounts: 'social accounts',
  budgetMinor: 'budget',
  goalEmvMinor: 'earned-media goal',
  goalPosts: 'posts goal',
  goalReach: 'reach goal',
  startsOn: 'start date',
  endsOn: 'end date',
};

function describe(item: Item): string {
  const p = item.payload;
  switch (item.kind) {
    case 'contact_created':
      return 'added the contact';
    case 'contact_imported':
      return 'imported the contact';
    case 'campaign_created':
      return `created the campaign “${String(p.name ?? '')}”`;
    case 'deal_created':
      return `added the deal in ${String(p.stage ?? 'the first stage')}`;
    case 'stage_changed':
      return `moved the deal from ${String(p.from)} to ${String(p.to)}${p.because === 'reply' ? ' after a reply' : ''}`;
    case 'email_replied':
      return `replied: the sequence stopped${p.cancelled ? `, ${p.cancelled} scheduled email${p.cancelled === 1 ? '' : 's'} cancelled` : ''}`;
    case 'email_auto_reply':
      return 'sent an automatic reply: the sequence goes on';
    case 'email_bounced':
      return 'an email bounced: the address is suppressed';
    case 'email_unsubscribed':
      return 'asked by email to unsubscribe: the address is suppressed';
    case 'note_added':
      return 'added a note';
    case 'fields_changed':
      return `changed ${((p.fields as string[]) ?? []).map((f) => fieldNames[f] ?? f).join(', ')}`;
    case 'deal_removed':
      return `removed ${String(p.contactName ?? 'a deal')} from the campaign`;
    default:
      return item.kind.replace(/_/g, ' ');
  }
}

/** Mail is written by the contact, and a move after a reply is Murmur's. */
function actorOf(item: Item): string {
  if (item.actorName || item.actorEmail) return (item.actorName || item.actorEmail) as string;
  if (item.kind.startsWith('email_'))
    return String(item.payload.fromName || item.payload.from || 'The contact');
  return item.payload.because === 'reply' ? 'Murmur' : 'Someone';
}

/**
 * A feed of what happened, newest first. `withContact` names the influencer of each entry,
 * for feeds that mix many (a campaign's).
 */
export function Timeline(props: { items: Item[]; label: string; withContact?: boolean }) {
  return (
    <Show when={props.items.length > 0} fallback={<EmptyState title="Nothing has happened yet" />}>
      <ol class="timeline" aria-label={props.label}>
        <For each={props.items}>
          {(item) => (
            <li>
              <time dateTime={new Date(item.createdAt).toISOString()}>
                {new Date(item.createdAt).toLocaleString()}
              </time>{' '}
              <Show when={props.withContact && item.contactName}>
                <A
                  class="timeline-contact"
                  href={
                    item.dealId && item.kind !== 'deal_removed'
                      ? `/deals/${item.dealId}`
                      : `/contacts/${item.contactId}`
                  }
                >
                  {item.contactName}
                </A>
                {' · '}
              </Show>
              <strong>{actorOf(item)}</strong> {describe(item)}
              <Show when={item.kind.startsWith('email_')}>
                <EmailTimelineEntry kind={item.kind} payload={item.payload} />
              </Show>
              <Show when={item.kind === 'note_added'}>
                <blockquote class="notes">
                  <Markdown source={String(item.payload.text ?? '')} />
                </blockquote>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
