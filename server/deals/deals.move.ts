/**
 * Moving and removing cards. A move writes one row: the rank half-way between its new
 * neighbours, or, when they are adjacent, the column is spread out again first (deal-ranks.ts). Each campaign's board changes one transaction at a time (the campaign row is
 * locked) and a deferrable unique constraint on (campaign, stage, rank) makes duplicates
 * impossible, so concurrent moves never lose or double a card. Only the moved card's version
 * changes: a neighbour is not edited by a card landing next to it.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordActivity } from '../audit/activities.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertWithinBudget, contribution } from '../campaigns/campaign-budget.ts';
import type { Db } from '../db/client.ts';
import { deals } from '../db/schema/index.ts';
import { uuidArray } from '../db/sql.ts';
import { ensureStages, type StageRow } from '../stages/stages.service.ts';
import { appendRank, RANK_STEP, rankAt } from './deal-ranks.ts';
import { getDeal, lockCampaign } from './deals.cards.ts';
import { DealError, staleDeal } from './deals.errors.ts';
import type { MoveStageInput } from './deals.schemas.ts';

function stageOf(stages: StageRow[], id: string) {
  const stage = stages.find((s) => s.id === id);
  if (!stage) throw new DealError('not_found', 'No such stage.');
  return stage;
}

export async function moveStage(
  db: Db,
  workspaceId: string,
  actorId: string,
  input: MoveStageInput,
  now: Date,
) {
  const stages = await ensureStages(db, workspaceId);
  const target = stageOf(stages, input.stageId);
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ campaignId: deals.campaignId, stageId: deals.stageId })
      .from(deals)
      .where(and(eq(deals.id, input.id), eq(deals.workspaceId, workspaceId)));
    if (!found) throw new DealError('not_found', 'No such deal.');
    const campaign = await lockCampaign(tx, workspaceId, found.campaignId);
    const [deal] = await tx
      .select({
        stageId: deals.stageId,
        version: deals.version,
        feeMinor: deals.feeMinor,
        currency: deals.currency,
        contactId: deals.contactId,
      })
      .from(deals)
      .where(eq(deals.id, input.id));
    if (deal.version !== input.version) throw staleDeal();
    const source = stageOf(stages, deal.stageId);
    const added =
      contribution(deal, target, campaign.currency) - contribution(deal, source, campaign.currency);
    await assertWithinBudget(tx, workspaceId, campaign, { addMinor: added }, input.acceptOverBudget);
    const changedStage = source.id !== target.id;
    const rank = await rankAt(tx, found.campaignId, target.id, input.position, [input.id]);
    // The version check is in the update itself, so no other write can slip in between.
    const updated = await tx
      .update(deals)
      .set({
        stageId: target.id,
        position: rank,
        version: sql`${deals.version} + 1`,
        updatedAt: now,
        ...(changedStage ? { stageEnteredAt: now } : {}),
      })
      .where(and(eq(deals.id, input.id), eq(deals.version, input.version)))
      .returning({ id: deals.id });
    if (updated.length === 0) throw staleDeal();
    if (!changedStage) return;
    await recordActivity(tx, {
      workspaceId,
      subjectType: 'deal',
      subjectId: input.id,
      dealId: input.id,
      contactId: deal.contactId,
      campaignId: campaign.id,
      kind: 'stage_changed',
      actorId,
      payload: { from: source.name, to: target.name, fromStageId: source.id, toStageId: target.id },
      at: now,
    });
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'deal',
      entityId: input.id,
      contactId: deal.contactId,
      action: 'stage_changed',
      changes: { stage: { from: source.name, to: target.name } },
      at: now,
    });
  });
  return getDeal(db, workspaceId, input.id);
}

/** Moves several deals to the end of a stage, in their current board order. */
export async function bulkMove(
  db: Db,
  workspaceId: string,
  actorId: string,
  input: { ids: string[]; stageId: string; acceptOverBudget: boolean },
  now: Date,
) {
  const stages = await ensureStages(db, workspaceId);
  const target = stageOf(stages, input.stageId);
  const ids = [...new Set(input.ids)];
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: deals.id, campaignId: deals.campaignId })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, ids)));
    if (found.length !== ids.length) throw new DealError('not_found', 'No such deal.');
    const campaignIds = [...new Set(found.map((d) => d.campaignId))].sort();
    let moved = 0;
    // Lock campaigns in a fixed order so two bulk moves never wait on each other in a circle.
    for (const campaignId of campaignIds) {
      const campaign = await lockCampaign(tx, workspaceId, campaignId);
      const mine = found.filter((d) => d.campaignId === campaignId).map((d) => d.id);
      const rows = await tx
        .select({
          id: deals.id,
          stageId: deals.stageId,
          position: deals.position,
          feeMinor: deals.feeMinor,
          currency: deals.currency,
          contactId: deals.contactId,
        })
        .from(deals)
        .where(and(inArray(deals.id, mine), ne(deals.stageId, target.id)))
        .orderBy(asc(deals.position), asc(deals.id))
        .for('update');
      if (rows.length === 0) continue;
      const added = rows.reduce(
        (sum, d) =>
          sum +
          contribution(d, target, campaign.currency) -
          contribution(d, stageOf(stages, d.stageId), campaign.currency),
        0,
      );
      await assertWithinBudget(tx, workspaceId, campaign, { addMinor: added }, input.acceptOverBudget);
      const movedIds = rows.map((d) => d.id);
      const first = await appendRank(tx, campaignId, target.id);
      // Appended after the column's last card, in their board order.
      await tx.execute(sql`
        update ${deals} d set stage_id = ${target.id}, position = ${first} + (o.ord::int - 1) * ${RANK_STEP},
          stage_entered_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz,
          version = d.version + 1
        from unnest(${uuidArray(movedIds)}::uuid[]) with ordinality as o(id, ord)
        where d.id = o.id`);
      await recordActivity(
        tx,
        rows.map((d) => ({
          workspaceId,
          subjectType: 'deal' as const,
          subjectId: d.id,
          dealId: d.id,
          contactId: d.contactId,
          campaignId,
          kind: 'stage_changed',
          actorId,
          payload: { from: stageOf(stages, d.stageId).name, to: target.name, toStageId: target.id },
          at: now,
        })),
      );
      await recordAudit(
        tx,
        rows.map((d) => ({
          workspaceId,
          actorId,
          entityType: 'deal' as const,
          entityId: d.id,
          contactId: d.contactId,
          action: 'stage_changed',
          changes: { stage: { from: stageOf(stages, d.stageId).name, to: target.name } },
          at: now,
        })),
      );
      moved += rows.length;
    }
    return { moved };
  });
}

export async function removeDeal(db: Db, workspaceId: string, actorId: string, id: string, now: Date) {
  await db.transaction(async (tx) => {
    const deal = await getDeal(tx, workspaceId, id);
    await lockCampaign(tx, workspaceId, deal.campaignId);
    await tx.delete(deals).where(eq(deals.id, id));
    await recordActivity(tx, {
      workspaceId,
      subjectType: 'campaign',
      subjectId: deal.campaignId,
      campaignId: deal.campaignId,
      contactId: deal.contactId,
      kind: 'deal_removed',
      actorId,
      payload: { contactName: deal.contactName },
      at: now,
    });
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'deal',
      entityId: id,
      contactId: deal.contactId,
      action: 'deleted',
      changes: { campaignId: deal.campaignId },
      at: now,
    });
  });
  return { id };
}
