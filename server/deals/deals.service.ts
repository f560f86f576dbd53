/** Deals: a contact in a campaign's pipeline. Every query is scoped to one workspace. */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { recordActivity } from '../audit/activities.service.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import { assertMember } from '../campaigns/campaigns.service.ts';
import type { Db } from '../db/client.ts';
import {
  campaigns,
  contacts,
  type Deliverable,
  deals,
  niches,
  shortlist,
  users,
} from '../db/schema/index.ts';
import { rowsOf } from '../db/sql.ts';
import { ensureStages } from '../stages/stages.service.ts';
import { AppError } from '../trpc/errors.ts';
import { assertWithinBudget } from './budget.ts';
import type { DealFields } from './deals.schemas.ts';

/** Card ranks are this far apart when appended, leaving room to drop cards in between. */
export const RANK_STEP = 1024;

export class DealError extends AppError<'stale_version' | 'do_not_contact'> {}

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

export type BoardCard = {
  id: string;
  contactId: string;
  contactName: string;
  doNotContact: boolean;
  stageId: string;
  position: number;
  feeMinor: number | null;
  currency: string;
  ownerId: string | null;
  ownerName: string | null;
  nextAction: string;
  nextActionAt: string | null;
  stageEnteredAt: string;
  version: number;
};

/**
 * What a board card shows, and no more. The rows come back as one JSON value: decoding a
 * single string is several times quicker than 2,000 rows of typed columns on either driver.
 */
export async function listBoardCards(
  db: Db,
  workspaceId: string,
  filter: { campaignId: string; ownerId?: string; tag?: string },
): Promise<BoardCard[]> {
  const owner = filter.ownerId ? sql`and d.owner_id = ${filter.ownerId}` : sql``;
  const tag = filter.tag ? sql`and c.tags @> array[${filter.tag}]::text[]` : sql``;
  const result = (await db.execute(sql`
    select coalesce(json_agg(json_build_array(
      d.id, d.contact_id, c.name, c.do_not_contact, d.stage_id, d.idx, d.fee_minor, d.currency,
      d.owner_id, coalesce(nullif(u.name, ''), u.email), d.next_action, d.next_action_at,
      d.stage_entered_at, d.version) order by d.stage_id, d.idx), '[]')::text as cards
    from (select x.*, (row_number() over (partition by x.stage_id order by x.position, x.id) - 1)::int as idx
          from deals x where x.workspace_id = ${workspaceId} and x.campaign_id = ${filter.campaignId}) d
    join contacts c on c.id = d.contact_id
    left join users u on u.id = d.owner_id
    where d.workspace_id = ${workspaceId} and d.campaign_id = ${filter.campaignId} ${owner} ${tag}`)) as unknown as
    | { cards: string }[]
    | { rows: { cards: string }[] };
  const [row] = rowsOf(result);
  return (JSON.parse(row.cards) as unknown[][]).map((r) => ({
    id: r[0] as string,
    contactId: r[1] as string,
    contactName: r[2] as string,
    doNotContact: r[3] as boolean,
    stageId: r[4] as string,
    position: r[5] as number,
    feeMinor: r[6] as number | null,
    currency: r[7] as string,
    ownerId: r[8] as string | null,
    ownerName: r[9] as string | null,
    nextAction: r[10] as string,
    nextActionAt: r[11] === null ? null : new Date(r[11] as string).toISOString(),
    stageEnteredAt: new Date(r[12] as string).toISOString(),
    version: r[13] as number,
  }));
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
  if (!row) throw new DealError('not_found', 'No such deal.');
  return row;
}

/** Locks the campaign row: every change to a campaign's board takes turns on it. */
export async function lockCampaign(tx: Db, workspaceId: string, campaignId: string) {
  const [row] = await tx
    .select({ id: campaigns.id, budgetMinor: campaigns.budgetMinor, currency: campaigns.currency })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)))
    .for('no key update');
  if (!row) throw new DealError('not_found', 'No such campaign.');
  return row;
}

export type AddResult = {
  added: { dealId: string; contactId: string }[];
  skipped: { contactId: string; reason: 'not_found' | 'do_not_contact' | 'already_in_campaign' }[];
};

/**
 * Adds contacts to a campaign as deals in the first stage, after the cards already there.
 * A contact already in the campaign, flagged do-not-contact, or unknown is skipped and
 * reported. Discover's shortlist calls this too.
 */
export async function addContactsToCampaign(
  db: Db,
  workspaceId: string,
  campaignId: string,
  contactIds: string[],
  actorUserId: string | null,
  now: Date = new Date(),
): Promise<AddResult> {
  const [first] = await ensureStages(db, workspaceId);
  const unique = [...new Set(contactIds)];
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, workspaceId, campaignId);
    const found = await tx
      .select({ id: contacts.id, doNotContact: contacts.doNotContact })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, unique)));
    const existing = await tx
      .select({ contactId: deals.contactId })
      .from(deals)
      .where(and(eq(deals.campaignId, campaignId), inArray(deals.contactId, unique)));
    const byId = new Map(found.map((c) => [c.id, c]));
    const already = new Set(existing.map((d) => d.contactId));
    const result: AddResult = { added: [], skipped: [] };
    const toAdd: string[] = [];
    for (const contactId of unique) {
      const contact = byId.get(contactId);
      if (!contact) result.skipped.push({ contactId, reason: 'not_found' });
      else if (contact.doNotContact) result.skipped.push({ contactId, reason: 'do_not_contact' });
      else if (already.has(contactId)) result.skipped.push({ contactId, reason: 'already_in_campaign' });
      else toAdd.push(contactId);
    }
    if (toAdd.length === 0) return result;
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${deals.position}) + ${RANK_STEP}, 0)::int` })
      .from(deals)
      .where(and(eq(deals.campaignId, campaignId), eq(deals.stageId, first.id)));
    const inserted = await tx
      .insert(deals)
      .values(
        toAdd.map((contactId, i) => ({
          workspaceId,
          campaignId,
          contactId,
          stageId: first.id,
          position: next + i * RANK_STEP,
          currency: campaign.currency,
          ownerId: actorUserId,
          stageEnteredAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ dealId: deals.id, contactId: deals.contactId });
    result.added = inserted;
    await recordActivity(
      tx,
      inserted.map((d) => ({
        workspaceId,
        subjectType: 'deal' as const,
        subjectId: d.dealId,
        dealId: d.dealId,
        contactId: d.contactId,
        campaignId,
        kind: 'deal_created',
        actorId: actorUserId,
        payload: { stage: first.name },
        at: now,
      })),
    );
    await recordAudit(
      tx,
      inserted.map((d) => ({
        workspaceId,
        actorId: actorUserId,
        entityType: 'deal' as const,
        entityId: d.dealId,
        contactId: d.contactId,
        action: 'created',
        changes: { campaignId, stage: first.name },
        at: now,
      })),
    );
    return result;
  });
}

export function staleDeal() {
  return new DealError(
    'conflict',
    'Someone else changed this deal since you loaded it. The card now shows their version: check it and try again.',
    'stale_version',
  );
}

/** Fee counted against the budget: only committed or won stages, only in the campaign currency. */
export function contribution(
  deal: { feeMinor: number | null; currency: string },
  stage: { committed: boolean; kind: string },
  campaignCurrency: string,
) {
  if (!(stage.committed || stage.kind === 'won') || deal.currency !== campaignCurrency) return 0;
  return deal.feeMinor ?? 0;
}

export async function updateDeal(
  db: Db,
  workspaceId: string,
  actorId: string,
  input: Partial<DealFields> & { id: string; version: number; acceptOverBudget: boolean },
  now: Date,
) {
  const { id, version, acceptOverBudget, ...fields } = input;
  await assertMember(db, workspaceId, fields.ownerId);
  const stages = await ensureStages(db, workspaceId);
  await db.transaction(async (tx) => {
    const before = await getDeal(tx, workspaceId, id);
    const campaign = await lockCampaign(tx, workspaceId, before.campaignId);
    const [current] = await tx
      .select({ version: deals.version })
      .from(deals)
      .where(eq(deals.id, id))
      .for('update');
    if (current.version !== version) throw staleDeal();
    const stage = stages.find((s) => s.id === before.stageId)!;
    const after = { feeMinor: before.feeMinor, currency: before.currency, ...fields };
    const added =
      contribution(after, stage, campaign.currency) - contribution(before, stage, campaign.currency);
    await assertWithinBudget(tx, workspaceId, campaign, { addMinor: added }, acceptOverBudget);
    const comparable = {
      ...before,
      nextActionAt: before.nextActionAt?.toISOString() ?? null,
    } as unknown as Record<string, unknown>;
    const changes = diff(comparable, fields as Record<string, unknown>);
    await tx
      .update(deals)
      .set({
        ...fields,
        nextActionAt:
          fields.nextActionAt === undefined
            ? undefined
            : fields.nextActionAt === null
              ? null
              : new Date(fields.nextActionAt),
        version: sql`${deals.version} + 1`,
        updatedAt: now,
      })
      .where(eq(deals.id, id));
    if (Object.keys(changes).length === 0) return;
    await recordActivity(tx, {
      workspaceId,
      subjectType: 'deal',
      subjectId: id,
      dealId: id,
      contactId: before.contactId,
      campaignId: before.campaignId,
      kind: 'fields_changed',
      actorId,
      payload: { fields: Object.keys(changes), changes },
      at: now,
    });
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'deal',
      entityId: id,
      contactId: before.contactId,
      action: 'updated',
      changes,
      at: now,
    });
  });
  return getDeal(db, workspaceId, id);
}

export async function addNote(
  db: Db,
  workspaceId: string,
  actorId: string,
  id: string,
  text: string,
  now: Date,
) {
  const deal = await getDeal(db, workspaceId, id);
  await recordActivity(db, {
    workspaceId,
    subjectType: 'deal',
    subjectId: id,
    dealId: id,
    contactId: deal.contactId,
    campaignId: deal.campaignId,
    kind: 'note_added',
    actorId,
    payload: { text },
    at: now,
  });
  return { ok: true as const };
}

export async function bulkAssign(
  db: Db,
  workspaceId: string,
  actorId: string,
  ids: string[],
  ownerId: string | null,
  now: Date,
) {
  await assertMember(db, workspaceId, ownerId);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(deals)
      .set({ ownerId, version: sql`${deals.version} + 1`, updatedAt: now })
      .where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, ids)))
      .returning({ id: deals.id, contactId: deals.contactId, campaignId: deals.campaignId });
    if (updated.length !== new Set(ids).size) throw new DealError('not_found', 'No such deal.');
    await recordActivity(
      tx,
      updated.map((d) => ({
        workspaceId,
        subjectType: 'deal' as const,
        subjectId: d.id,
        dealId: d.id,
        contactId: d.contactId,
        campaignId: d.campaignId,
        kind: 'fields_changed',
        actorId,
        payload: { fields: ['ownerId'], changes: { ownerId: { to: ownerId } } },
        at: now,
      })),
    );
    await recordAudit(
      tx,
      updated.map((d) => ({
        workspaceId,
        actorId,
        entityType: 'deal' as const,
        entityId: d.id,
        contactId: d.contactId,
        action: 'updated',
        changes: { ownerId: { to: ownerId } },
        at: now,
      })),
    );
    return { updated: updated.length };
  });
}

/** The workspace's niches that have shortlisted accounts already turned into contacts. */
export async function shortlistsOf(db: Db, workspaceId: string) {
  return db
    .select({
      nicheId: niches.id,
      name: niches.name,
      contacts: sql<number>`count(${shortlist.contactId})::int`,
    })
    .from(niches)
    .innerJoin(shortlist, eq(shortlist.nicheId, niches.id))
    .where(and(eq(niches.workspaceId, workspaceId), eq(shortlist.workspaceId, workspaceId)))
    .groupBy(niches.id, niches.name)
    .orderBy(asc(niches.name));
}

/** Adds a niche's whole shortlist (the accounts that are contacts) to a campaign. */
export async function addShortlistToCampaign(
  db: Db,
  workspaceId: string,
  campaignId: string,
  nicheId: string,
  actorUserId: string,
  now: Date,
) {
  const rows = await db
    .select({ contactId: shortlist.contactId })
    .from(shortlist)
    .innerJoin(niches, eq(niches.id, shortlist.nicheId))
    .where(
      and(
        eq(shortlist.nicheId, nicheId),
        eq(niches.workspaceId, workspaceId),
        sql`${shortlist.contactId} is not null`,
      ),
    );
  if (rows.length === 0) throw new DealError('not_found', 'That niche has no shortlisted contacts.');
  return addContactsToCampaign(
    db,
    workspaceId,
    campaignId,
    rows.map((r) => r.contactId!),
    actorUserId,
    now,
  );
}
