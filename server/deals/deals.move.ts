/**
 * Moving and removing cards. A move writes one row: the rank half-way between its new
 * neighbours, or, when they are adjacent, the column is spread out again first (deal-ranks.ts).
 * Each campaign's board changes one transaction at a time (the campaign row is locked)
 * and a deferrable unique constraint on (campaign, stage, rank) makes duplicates
 * impossible, so concurrent moves never lose or double a card. Only the moved card's version
 * changes: a neighbour is not edited by a card landing next to it.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordChange } from '../audit/record-change.ts';
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
  if (!stage) throw new DealError('stage_not_found', 'No such stage.');
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
    if (!found) throw new DealError('deal_not_found', 'No such deal.');
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
    await recordChange(tx, {
      workspaceId,
      actorId,
      at: now,
      contactId: deal.contactId,
      activity: {
        subjectType: 'deal',
        subjectId: input.id,
        dealId: input.id,
        campaignId: campaign.id,
        kind: 'stage_changed',
        payload: { from: source.name, to: target.name, fromStageId: source.id, toStageId: target.id },
      },
      audit: {
        entityType: 'deal',
        entityId: input.id,
        action: 'stage_changed',
        changes: { stage: { from: source.name, to: target.name } },
      },
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
    if (found.length !== ids.length) throw new DealError('deal_not_found', 'No such deal.');
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
      await recordChange(
        tx,
        rows.map((d) => ({
          workspaceId,
          actorId,
          at: now,
          contactId: d.contactId,
          activity: {
            subjectType: 'deal' as const,
            subjectId: d.id,
            dealId: d.id,
            campaignId,
            kind: 'stage_changed',
            payload: { from: stageOf(stages, d.stageId).name, to: target.name, toStageId: target.id },
          },
          audit: {
            entityType: 'deal' as const,
            entityId: d.id,
            action: 'stage_changed',
            changes: { stage: { from: stageOf(stages, d.stageId).name, to: target.name } },
          },
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
    // The deal is gone, so its removal is an event on the campaign's timeline.
    await recordChange(tx, {
      workspaceId,
      actorId,
      at: now,
      contactId: deal.contactId,
      activity: {
        subjectType: 'campaign',
        subjectId: deal.campaignId,
        campaignId: deal.campaignId,
        kind: 'deal_removed',
        payload: { contactName: deal.contactName },
      },
      audit: {
        entityType: 'deal',
        entityId: id,
        action: 'deleted',
        changes: { campaignId: deal.campaignId },
      },
    });
  });
  return { id };
}
