import { action, query, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export type InboxFilter =
  | 'to_handle'
  | 'handled'
  | 'auto_reply'
  | 'bounce'
  | 'unsubscribe'
  | 'unrelated'
  | 'all';

export const getInbox = query(
  (filter: InboxFilter, cursor?: string) => trpc.outreach.inbox.list.query({ filter, cursor }),
  'inbox',
);
export const getInboxCounts = query(() => trpc.outreach.inbox.counts.query(), 'inboxCounts');
export const getInboxStatus = query(() => trpc.outreach.inbox.status.query(), 'inboxStatus');
export const getInboxSettings = query(() => trpc.outreach.inbox.settings.query(), 'inboxSettings');

export type InboxPage = Awaited<ReturnType<typeof trpc.outreach.inbox.list.query>>;
export type InboundItem = InboxPage['items'][number];
export type InboxStatus = Awaited<ReturnType<typeof trpc.outreach.inbox.status.query>>[number];

/** A handled reply leaves "To handle"; the deal and contact pages show the same message. */
export const markHandled = action(async (id: string, handled: boolean) => {
  try {
    return await trpc.outreach.inbox.markHandled.mutate({ id, handled });
  } finally {
    await revalidate([getInbox.key, getInboxCounts.key]);
  }
}, 'markInboundHandled');

/** Reads a mailbox now; what it stored moves deals, so those views refresh too. */
export const syncInbox = action(async (mailboxId: string) => {
  try {
    return await trpc.outreach.inbox.sync.mutate({ mailboxId });
  } finally {
    await revalidate([
      getInbox.key,
      getInboxCounts.key,
      getInboxStatus.key,
      'board',
      'deal',
      'dealTimeline',
      'contactTimeline',
    ]);
  }
}, 'syncInbox');

export const setRepliedStage = action(async (repliedStageId: string | null) => {
  try {
    return await trpc.outreach.inbox.updateSettings.mutate({ repliedStageId });
  } finally {
    await revalidate(getInboxSettings.key);
  }
}, 'setRepliedStage');

/**
 * Settings → Email's "Check the inbox": connects and opens the folder read-only; changes nothing,
 * so it is a plain call, not a router action (an action would reload the page's queries).
 */
export const checkInbox = (mailboxId: string) => trpc.outreach.inbox.check.mutate({ mailboxId });
export type InboxCheck = Awaited<ReturnType<typeof trpc.outreach.inbox.check.mutate>>;
