/**
 * Replies arrive by themselves: a tick every minute queues one sync job per mailbox that has
 * IMAP settings. The sync queue is "stately" with the mailbox id as singleton key, so a mailbox
 * has at most one sync running and one waiting, whatever the number of workers; the folder
 * lease (inbox-sync.ts) also keeps out a sync started from the API. Where the server has IDLE,
 * a sync stays connected for a few minutes and reads mail as it arrives; elsewhere the next
 * tick polls.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mailboxes } from '../../db/schema/index.ts';
import type { Queue } from '../../jobs/queue.ts';
import { defineJob } from '../../jobs/registry.ts';
import { syncMailbox } from './inbox-sync.ts';

export const inboxSyncJobName = 'outreach-inbox-sync';
export const inboxTickJobName = 'outreach-inbox-tick';
/** How long a sync waits in IDLE before giving its worker slot back (the next tick resumes it). */
export const IDLE_WATCH_SECONDS = 240;

export type InboxSyncData = { mailboxId: string };

export async function enqueueInboxSync(queue: Queue, mailboxId: string) {
  return queue.send(inboxSyncJobName, { mailboxId }, { singletonKey: mailboxId, retryLimit: 0 });
}

/** Queues a sync for every enabled mailbox that reads replies. */
export async function enqueueAllInboxSyncs(db: Db, queue: Queue) {
  const rows = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(isNotNull(mailboxes.imapHost), eq(mailboxes.enabled, true)));
  for (const row of rows) await enqueueInboxSync(queue, row.id);
  return rows.length;
}

/** Called once when workers start: the minute tick, and a first round now. */
export async function startInboxSync(db: Db, queue: Queue) {
  await queue.boss.schedule(inboxTickJobName, '* * * * *', {}, { singletonKey: 'tick' });
  await enqueueAllInboxSyncs(db, queue);
}

export const inboxTickJob = defineJob<object>({
  name: inboxTickJobName,
  policy: 'short',
  async run(_data, deps) {
    await enqueueAllInboxSyncs(deps.database.db, deps.queue);
  },
});

export const inboxSyncJob = defineJob<InboxSyncData>({
  name: inboxSyncJobName,
  policy: 'stately',
  concurrency: 2,
  // IDLE keeps a job active for minutes: pg-boss must not consider it stuck.
  options: { pollingIntervalSeconds: 2 },
  async run(data, deps) {
    const result = await syncMailbox(
      { db: deps.database.db, secret: deps.config.sessionSecret, now: () => new Date() },
      data.mailboxId,
      // A stopping worker leaves IDLE and releases the folder, so the next one syncs at once.
      { watchSeconds: IDLE_WATCH_SECONDS, signal: deps.queue.stopping },
    );
    deps.logger.info(
      { mailboxId: data.mailboxId, status: result.status, fetched: result.fetched, idle: result.idle },
      'inbox synced',
    );
  },
});
