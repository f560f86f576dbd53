/**
 * Timeline events. Each row names the contact and campaign it concerns, so a contact's feed
 * and a campaign's feed are each one indexed read. Emails and other features append here too.
 */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities, contacts, users } from '../db/schema/index.ts';

export type ActivityInput = {
  workspaceId: string;
  subjectType: 'contact' | 'campaign' | 'deal';
  subjectId: string;
  contactId?: string | null;
  campaignId?: string | null;
  dealId?: string | null;
  kind: string;
  actorId: string | null;
  payload?: Record<string, unknown>;
  at?: Date;
};

export async function recordActivity(db: Db, events: ActivityInput | ActivityInput[]) {
  const rows = Array.isArray(events) ? events : [events];
  if (rows.length === 0) return;
  await db.insert(activities).values(
    rows.map((e) => ({
      workspaceId: e.workspaceId,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      contactId: e.contactId ?? null,
      campaignId: e.campaignId ?? null,
      dealId: e.dealId ?? null,
      kind: e.kind,
      actorId: e.actorId,
      payload: e.payload ?? {},
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
}

export type TimelineFilter = { contactId?: string; campaignId?: string; dealId?: string };

/**
 * One feed, newest first, with the actor's name and the contact's (a campaign's feed mixes
 * many influencers). `before` pages back by creation time.
 */
export async function timeline(
  db: Db,
  workspaceId: string,
  filter: TimelineFilter,
  options: { limit?: number; before?: { at: string; id: string } } = {},
) {
  const conditions: SQL[] = [eq(activities.workspaceId, workspaceId)];
  if (filter.contactId) conditions.push(eq(activities.contactId, filter.contactId));
  if (filter.campaignId) conditions.push(eq(activities.campaignId, filter.campaignId));
  if (filter.dealId) conditions.push(eq(activities.dealId, filter.dealId));
  if (options.before) {
    const at = new Date(options.before.at);
    conditions.push(
      or(
        lt(activities.createdAt, at),
        and(eq(activities.createdAt, at), lt(activities.id, options.before.id)),
      )!,
    );
  }
  const limit = options.limit ?? 100;
  const rows = await db
    .select({
      id: activities.id,
      kind: activities.kind,
      subjectType: activities.subjectType,
      subjectId: activities.subjectId,
      contactId: activities.contactId,
      campaignId: activities.campaignId,
      dealId: activities.dealId,
      payload: activities.payload,
      createdAt: activities.createdAt,
      actorName: users.name,
      actorEmail: users.email,
      contactName: contacts.name,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .leftJoin(contacts, and(eq(contacts.id, activities.contactId), eq(contacts.workspaceId, workspaceId)))
    .where(and(...conditions))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}
