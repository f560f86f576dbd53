/** Reading deals as cards (the table view, the API, CSV) and one deal in full. Every query is scoped to one workspace. */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns, contacts, type Deliverable, deals, users } from '../db/schema/index.ts';
import { DealError } from './deals.errors.ts';

export const cardColumns = {
  id: deals.id,
  campaignId: deals.campaignId,
  contactId: deals.contactId,
  contactName: contacts.name,
  contactEmail: sql<string | null>`${contacts.emails}[1]`,
  doNotContact: contacts.doNotContact,
  tags: contacts.tags,
  stageId: deals.stageId,
  /** Index among the listed cards of the same stage (the stored rank is sparse). */
  position: sql<number>`(row_number() over (partition by ${deals.campaignId}, ${deals.stageId} order by ${deals.position}, ${deals.id}) - 1)::int`,
  feeMinor: deals.feeMinor,
  currency: deals.currency,
  deliverables: deals.deliverables,
  ownerId: deals.ownerId,
  ownerName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
  nextAction: deals.nextAction,
  nextActionAt: deals.nextActionAt,
  stageEnteredAt: deals.stageEnteredAt,
  version: deals.version,
  updatedAt: deals.updatedAt,
};

export type Card = {
  id: string;
  campaignId: string;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  doNotContact: boolean;
  tags: string[];
  stageId: string;
  position: number;
  feeMinor: number | null;
  currency: string;
  deliverables: Deliverable[];
  ownerId: string | null;
  ownerName: string | null;
  nextAction: string;
  nextActionAt: Date | null;
  stageEnteredAt: Date;
  version: number;
  updatedAt: Date;
};

export async function listCards(
  db: Db,
  workspaceId: string,
  filter: { campaignId?: string; ids?: string[]; ownerId?: string; tag?: string },
): Promise<Card[]> {
  const conditions: SQL[] = [eq(deals.workspaceId, workspaceId)];
  if (filter.campaignId) conditions.push(eq(deals.campaignId, filter.campaignId));
  if (filter.ids) conditions.push(inArray(deals.id, filter.ids));
  if (filter.ownerId) conditions.push(eq(deals.ownerId, filter.ownerId));
  if (filter.tag) conditions.push(sql`${contacts.tags} @> array[${filter.tag}]::text[]`);
  return db
    .select(cardColumns)
    .from(deals)
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(and(...conditions))
    .orderBy(asc(deals.stageId), asc(deals.position), asc(deals.id));
}

export async function getDeal(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({
      ...cardColumns,
      position: sql<number>`(select count(*) from ${deals} p where p.campaign_id = ${deals.campaignId}
        and p.stage_id = ${deals.stageId} and (p.position, p.id) < (${deals.position}, ${deals.id}))::int`,
      notes: deals.notes,
      campaignName: campaigns.name,
      createdAt: deals.createdAt,
    })
    .from(deals)
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(and(eq(deals.id, id), eq(deals.workspaceId, workspaceId)));
  // Another workspace's deal is reported exactly like a missing one.
  if (!row) throw new DealError('deal_not_found', 'No such deal.');
  return row;
}

/** Locks the campaign row: every change to a campaign's board takes turns on it. */
export async function lockCampaign(tx: Db, workspaceId: string, campaignId: string) {
  const [row] = await tx
    .select({ id: campaigns.id, budgetMinor: campaigns.budgetMinor, currency: campaigns.currency })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)))
    .for('no key update');
  if (!row) throw new DealError('campaign_not_found', 'No such campaign.');
  return row;
}
