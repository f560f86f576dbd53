/**
 * Reading the inbox: replies to handle, auto-replies, bounces and unrelated mail, newest first,
 * each with its contact and deal; marking a reply handled; the replied-stage setting; and when
 * each mailbox was last read. Every query is scoped to one workspace.
 */
import { and, count, desc, eq, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  campaigns,
  contacts,
  deals,
  inboundMessages,
  inboxFolders,
  inboxSettings,
  mailboxes,
  stages,
  users,
} from '../../db/schema/index.ts';
import { cursorText, decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { repliedStage } from './deal-replied.ts';
import { InboxError } from './inbox.errors.ts';
import type { InboxListInput } from './inbox.schemas.ts';

const columns = {
  id: inboundMessages.id,
  kind: inboundMessages.kind,
  reason: inboundMessages.reason,
  fromAddress: inboundMessages.fromAddress,
  fromName: inboundMessages.fromName,
  subject: inboundMessages.subject,
  sentAt: inboundMessages.sentAt,
  receivedAt: inboundMessages.receivedAt,
  bodyText: inboundMessages.bodyText,
  quotedText: inboundMessages.quotedText,
  matchedBy: inboundMessages.matchedBy,
  bounceRecipient: inboundMessages.bounceRecipient,
  bounceStatus: inboundMessages.bounceStatus,
  bounceDiagnostic: inboundMessages.bounceDiagnostic,
  handledAt: inboundMessages.handledAt,
  handledByName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
  contactId: inboundMessages.contactId,
  contactName: contacts.name,
  dealId: inboundMessages.dealId,
  campaignName: campaigns.name,
  stageName: stages.name,
  mailboxName: mailboxes.name,
};

const cursorSchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid(), cursorText.optional()]);

function filterOf(filter: InboxListInput['filter']): SQL | undefined {
  switch (filter) {
    case 'to_handle':
      return and(eq(inboundMessages.kind, 'reply'), isNull(inboundMessages.handledAt));
    case 'handled':
      return and(eq(inboundMessages.kind, 'reply'), isNotNull(inboundMessages.handledAt));
    case 'auto_reply':
    case 'bounce':
    case 'unsubscribe':
    case 'unrelated':
      return eq(inboundMessages.kind, filter);
    case 'all':
      return undefined;
  }
}

export async function listInbox(db: Db, workspaceId: string, input: InboxListInput) {
  const conditions: (SQL | undefined)[] = [
    eq(inboundMessages.workspaceId, workspaceId),
    filterOf(input.filter),
  ];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, cursorSchema);
    const when = new Date(at);
    conditions.push(
      or(
        lt(inboundMessages.receivedAt, when),
        and(eq(inboundMessages.receivedAt, when), lt(inboundMessages.id, id)),
      ),
    );
  }
  const limit = input.limit;
  const rows = await db
    .select(columns)
    .from(inboundMessages)
    .innerJoin(mailboxes, eq(mailboxes.id, inboundMessages.mailboxId))
    .leftJoin(contacts, eq(contacts.id, inboundMessages.contactId))
    .leftJoin(deals, eq(deals.id, inboundMessages.dealId))
    .leftJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .leftJoin(stages, eq(stages.id, deals.stageId))
    .leftJoin(users, eq(users.id, inboundMessages.handledBy))
    .where(and(...conditions))
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
  };
}

export async function inboxCounts(db: Db, workspaceId: string) {
  const rows = await db
    .select({
      kind: inboundMessages.kind,
      open: sql<boolean>`${inboundMessages.handledAt} is null`,
      n: count(),
    })
    .from(inboundMessages)
    .where(eq(inboundMessages.workspaceId, workspaceId))
    .groupBy(inboundMessages.kind, sql`${inboundMessages.handledAt} is null`);
  const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(pick).reduce((total, r) => total + Number(r.n), 0);
  return {
    toHandle: sum((r) => r.kind === 'reply' && r.open),
    handled: sum((r) => r.kind === 'reply' && !r.open),
    autoReplies: sum((r) => r.kind === 'auto_reply'),
    bounces: sum((r) => r.kind === 'bounce'),
    unsubscribes: sum((r) => r.kind === 'unsubscribe'),
    unrelated: sum((r) => r.kind === 'unrelated'),
  };
}

export async function getInbound(db: Db, workspaceId: string, id: string) {
  const result = await listInboxById(db, workspaceId, id);
  if (!result) throw new InboxError('inbound_not_found', 'No such message.');
  return result;
}

async function listInboxById(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(inboundMessages)
    .innerJoin(mailboxes, eq(mailboxes.id, inboundMessages.mailboxId))
    .leftJoin(contacts, eq(contacts.id, inboundMessages.contactId))
    .leftJoin(deals, eq(deals.id, inboundMessages.dealId))
    .leftJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .leftJoin(stages, eq(stages.id, deals.stageId))
    .leftJoin(users, eq(users.id, inboundMessages.handledBy))
    .where(and(eq(inboundMessages.id, id), eq(inboundMessages.workspaceId, workspaceId)));
  return row ?? null;
}

export async function markHandled(
  db: Db,
  workspaceId: string,
  userId: string,
  input: { id: string; handled: boolean },
  now: Date,
) {
  const updated = await db
    .update(inboundMessages)
    .set(input.handled ? { handledAt: now, handledBy: userId } : { handledAt: null, handledBy: null })
    .where(and(eq(inboundMessages.id, input.id), eq(inboundMessages.workspaceId, workspaceId)))
    .returning({ id: inboundMessages.id });
  if (updated.length === 0) throw new InboxError('inbound_not_found', 'No such message.');
  return getInbound(db, workspaceId, input.id);
}

/** Each mailbox that reads replies, with when it was last read and the last failure. */
export async function syncStatus(db: Db, workspaceId: string) {
  return db
    .select({
      mailboxId: mailboxes.id,
      mailboxName: mailboxes.name,
      folder: mailboxes.imapFolder,
      lastSyncedAt: inboxFolders.lastSyncedAt,
      lastError: inboxFolders.lastError,
      lastErrorAt: inboxFolders.lastErrorAt,
      syncing: sql<boolean>`coalesce(${inboxFolders.leaseUntil} > now(), false)`,
    })
    .from(mailboxes)
    .leftJoin(
      inboxFolders,
      and(eq(inboxFolders.mailboxId, mailboxes.id), eq(inboxFolders.folder, mailboxes.imapFolder)),
    )
    .where(and(eq(mailboxes.workspaceId, workspaceId), isNotNull(mailboxes.imapHost)))
    .orderBy(mailboxes.name);
}

export async function getInboxSettings(db: Db, workspaceId: string) {
  const stage = await repliedStage(db, workspaceId);
  const [row] = await db
    .select({ stageId: inboxSettings.repliedStageId })
    .from(inboxSettings)
    .where(eq(inboxSettings.workspaceId, workspaceId));
  return {
    repliedStageId: stage?.id ?? null,
    repliedStageName: stage?.name ?? null,
    chosen: Boolean(row?.stageId),
  };
}

/** `null` goes back to the default (the stage named Replied). Only open stages are allowed. */
export async function setRepliedStage(db: Db, workspaceId: string, stageId: string | null, now: Date) {
  if (stageId) {
    const [stage] = await db
      .select({ kind: stages.kind })
      .from(stages)
      .where(and(eq(stages.id, stageId), eq(stages.workspaceId, workspaceId)));
    if (!stage) throw new InboxError('inbox_stage_invalid', 'No such stage.');
    if (stage.kind !== 'open')
      throw new InboxError('inbox_stage_invalid', 'Replies can only move deals to an open stage.');
  }
  await db
    .insert(inboxSettings)
    .values({ workspaceId, repliedStageId: stageId, updatedAt: now })
    .onConflictDoUpdate({
      target: inboxSettings.workspaceId,
      set: { repliedStageId: stageId, updatedAt: now },
    });
  return getInboxSettings(db, workspaceId);
}

/** A mailbox of this workspace, or the not-found error another workspace's id gets too. */
export async function mailboxOf(db: Db, workspaceId: string, mailboxId: string) {
  const [row] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.workspaceId, workspaceId)));
  if (!row) throw new InboxError('inbox_mailbox_not_found', 'No such mailbox.');
  return row;
}
