/**
 * Reads one mailbox's reply folder incrementally: the folder is opened read-only (EXAMINE) and
 * fetched with BODY.PEEK, so nothing is marked read; only UIDs above the stored last UID are
 * fetched, under the stored UIDVALIDITY (a new one starts again from UID 0, and messages
 * already stored are recognised by their key). A lease on the folder row keeps a second sync
 * (another worker, the "Check now" button) out while one runs. With `watchSeconds`, the
 * connection then waits in IDLE for new mail and reads it as it arrives.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../db/client.ts';
import { type InboundKind, inboxFolders, mailboxes } from '../../db/schema/index.ts';
import { publicErrorText } from '../../lib/error-text.ts';
import { createImapClient, imapSettingsOf } from './imap-connection.ts';
import { InboxError } from './inbox.errors.ts';
import { mailtoUnsubscribe } from './mailto-unsubscribe.ts';
import { parseInbound } from './parse-inbound.ts';
import { storeInbound } from './store-inbound.ts';

export type SyncDeps = { db: Db; secret: string; now: () => Date };
export type SyncOptions = {
  /** Stay connected in IDLE this long after the first pass, reading new mail (if the server has IDLE). */
  watchSeconds?: number;
  /** UIDs fetched per IMAP command. */
  batchSize?: number;
  leaseSeconds?: number;
  /** Ends the IDLE watch early (worker shutdown, tests). */
  signal?: AbortSignal;
};
export type SyncResult = {
  status: 'done' | 'busy';
  fetched: number;
  stored: Record<InboundKind, number>;
  uidValidity: number | null;
  resynced: boolean;
  idle: boolean;
};

const emptyCounts = (): Record<InboundKind, number> => ({
  reply: 0,
  auto_reply: 0,
  bounce: 0,
  unsubscribe: 0,
  unrelated: 0,
});

async function claimFolder(
  db: Db,
  mailbox: { id: string; workspaceId: string },
  folder: string,
  owner: string,
  until: Date,
  now: Date,
) {
  await db
    .insert(inboxFolders)
    .values({ workspaceId: mailbox.workspaceId, mailboxId: mailbox.id, folder })
    .onConflictDoNothing({ target: [inboxFolders.mailboxId, inboxFolders.folder] });
  const [claimed] = await db
    .update(inboxFolders)
    .set({ leaseOwner: owner, leaseUntil: until })
    .where(
      and(
        eq(inboxFolders.mailboxId, mailbox.id),
        eq(inboxFolders.folder, folder),
        or(
          isNull(inboxFolders.leaseUntil),
          lt(inboxFolders.leaseUntil, now),
          eq(inboxFolders.leaseOwner, owner),
        ),
      ),
    )
    .returning();
  return claimed ?? null;
}

export async function syncMailbox(
  deps: SyncDeps,
  mailboxId: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const [mailbox] = await deps.db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  if (!mailbox) throw new InboxError('inbox_mailbox_not_found', 'No such mailbox.');
  const settings = imapSettingsOf(mailbox, deps.secret);
  const owner = randomUUID();
  const leaseMs = (options.leaseSeconds ?? 300) * 1000;
  const result: SyncResult = {
    status: 'done',
    fetched: 0,
    stored: emptyCounts(),
    uidValidity: null,
    resynced: false,
    idle: false,
  };
  let folder = await claimFolder(
    deps.db,
    mailbox,
    settings.folder,
    owner,
    new Date(deps.now().getTime() + leaseMs),
    deps.now(),
  );
  if (!folder) return { ...result, status: 'busy' };
  const folderId = folder.id;
  const renew = async () => {
    await deps.db
      .update(inboxFolders)
      .set({ leaseUntil: new Date(deps.now().getTime() + leaseMs) })
      .where(and(eq(inboxFolders.id, folderId), eq(inboxFolders.leaseOwner, owner)));
  };
  const client = createImapClient(settings);
  client.on('error', () => {});
  try {
    await client.connect();
    const opened = await client.mailboxOpen(settings.folder, { readOnly: true });
    const uidValidity = Number(opened.uidValidity);
    result.uidValidity = uidValidity;
    if (folder.uidValidity !== uidValidity) {
      // UIDs of the old UIDVALIDITY mean nothing now: read the folder again from the start.
      result.resynced = folder.uidValidity !== null;
      [folder] = await deps.db
        .update(inboxFolders)
        .set({ uidValidity, lastUid: 0 })
        .where(eq(inboxFolders.id, folderId))
        .returning();
    }
    const pass = () =>
      readNew(
        deps,
        client,
        { mailbox, folderId, folder: settings.folder, uidValidity },
        options,
        result,
        renew,
      );
    // Mail announced while a pass runs (after its search) would be missed until the watch ends:
    // any announcement marks another pass as due, whenever it comes.
    let due = false;
    const onExists = () => {
      due = true;
    };
    client.on('exists', onExists);
    await pass();
    const watch = options.watchSeconds ?? 0;
    if (watch > 0 && client.capabilities.has('IDLE')) {
      result.idle = true;
      const deadline = Date.now() + watch * 1000;
      while (Date.now() < deadline && client.usable && !options.signal?.aborted) {
        if (!due) await waitForMail(client, deadline - Date.now(), options.signal);
        if (due) {
          due = false;
          await pass();
        }
        await renew();
      }
    }
    await deps.db
      .update(inboxFolders)
      .set({ lastSyncedAt: deps.now(), lastFetched: result.fetched, lastError: null, lastErrorAt: null })
      .where(eq(inboxFolders.id, folderId));
    return result;
  } catch (error) {
    await deps.db
      .update(inboxFolders)
      .set({ lastError: publicErrorText(error), lastErrorAt: deps.now() })
      .where(eq(inboxFolders.id, folderId));
    throw error;
  } finally {
    await client.logout().catch(() => client.close());
    await deps.db
      .update(inboxFolders)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(inboxFolders.id, folderId), eq(inboxFolders.leaseOwner, owner)));
  }
}

/**
 * Waits in IDLE until the server announces new mail, the deadline passes or the signal aborts.
 * What arrived is recorded by the caller's own 'exists' listener, which sees announcements made
 * outside this wait too.
 */
async function waitForMail(client: ImapFlow, ms: number, signal?: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  const woken = new Promise<void>((resolve) => {
    stop = () => resolve();
    client.once('exists', stop);
    signal?.addEventListener('abort', stop, { once: true });
    timer = setTimeout(stop, Math.max(0, ms));
  });
  // IDLE ends when another command is issued; the exists event comes while it runs.
  const idling = client.idle().catch(() => undefined);
  await woken;
  clearTimeout(timer);
  if (stop) {
    client.off('exists', stop);
    signal?.removeEventListener('abort', stop);
  }
  // Any command ends IDLE; NOOP is the cheapest.
  await client.noop().catch(() => undefined);
  await idling;
}

async function readNew(
  deps: SyncDeps,
  client: ImapFlow,
  target: {
    mailbox: { id: string; workspaceId: string };
    folderId: string;
    folder: string;
    uidValidity: number;
  },
  options: SyncOptions,
  result: SyncResult,
  renew: () => Promise<void>,
) {
  const [state] = await deps.db
    .select({ lastUid: inboxFolders.lastUid })
    .from(inboxFolders)
    .where(eq(inboxFolders.id, target.folderId));
  const lastUid = state?.lastUid ?? 0;
  // "n:*" always includes the highest UID, even below n: filter.
  const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  const batch = options.batchSize ?? 100;
  for (let i = 0; i < uids.length; i += batch) {
    const chunk = uids.slice(i, i + batch);
    const messages = await client.fetchAll(chunk.join(','), { uid: true, source: true }, { uid: true });
    messages.sort((a, b) => a.uid - b.uid);
    for (const message of messages) {
      if (!message.source) continue;
      const parsed = await parseInbound(message.source);
      const { workspaceId } = target.mailbox;
      const stored = await storeInbound(
        deps.db,
        { workspaceId, mailboxId: target.mailbox.id, folder: target.folder },
        { folderId: target.folderId, uidValidity: target.uidValidity, uid: message.uid },
        parsed,
        deps.now(),
        { unsubscribes: mailtoUnsubscribe(deps.secret, workspaceId, parsed.subject) },
      );
      result.fetched++;
      if (stored.created) result.stored[stored.kind]++;
    }
    await renew();
  }
}

/** Folder state for the UI: when each mailbox was last read and what went wrong. */
export function folderStateColumns() {
  return {
    mailboxId: inboxFolders.mailboxId,
    folder: inboxFolders.folder,
    lastSyncedAt: inboxFolders.lastSyncedAt,
    lastError: inboxFolders.lastError,
    lastErrorAt: inboxFolders.lastErrorAt,
    syncing: sql<boolean>`(${inboxFolders.leaseUntil} is not null and ${inboxFolders.leaseUntil} > now())`,
  };
}
