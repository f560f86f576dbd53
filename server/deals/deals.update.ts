/** Editing deals: one deal's fields (budget-checked, versioned) and owners in bulk. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { diff } from '../audit/audit.service.ts';
import { recordChange } from '../audit/record-change.ts';
import { assertWithinBudget, contribution } from '../campaigns/campaign-budget.ts';
import { assertMember } from '../campaigns/campaigns.service.ts';
import type { Db } from '../db/client.ts';
import { deals } from '../db/schema/index.ts';
import { ensureStages } from '../stages/stages.service.ts';
import { getDeal, lockCampaign } from './deals.cards.ts';
import { DealError, staleDeal } from './deals.errors.ts';
import type { DealFields } from './deals.schemas.ts';

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
    await recordChange(tx, {
      workspaceId,
      actorId,
      at: now,
      contactId: before.contactId,
      activity: {
        subjectType: 'deal',
        subjectId: id,
        dealId: id,
        campaignId: before.campaignId,
        kind: 'fields_changed',
        payload: { fields: Object.keys(changes), changes },
      },
      audit: { entityType: 'deal', entityId: id, action: 'updated', changes },
    });
  });
  return getDeal(db, workspaceId, id);
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
    if (updated.length !== new Set(ids).size) throw new DealError('deal_not_found', 'No such deal.');
    const changes = { ownerId: { to: ownerId } };
    await recordChange(
      tx,
      updated.map((d) => ({
        workspaceId,
        actorId,
        at: now,
        contactId: d.contactId,
        activity: {
          subjectType: 'deal' as const,
          subjectId: d.id,
          dealId: d.id,
          campaignId: d.campaignId,
          kind: 'fields_changed',
          payload: { fields: ['ownerId'], changes },
        },
        audit: { entityType: 'deal' as const, entityId: d.id, action: 'updated', changes },
      })),
    );
    return { updated: updated.length };
  });
}
