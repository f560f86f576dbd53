/**
 * A reply moves its deal to the workspace's "replied" stage: the stage chosen in the inbox
 * settings, else the stage named Replied. Only forward from an open stage before it (a deal
 * already negotiating, won or lost stays where it is), appended at the end of the column, with
 * the move on the deal's timeline and in the audit log like a person's move. Runs inside the
 * caller's transaction, holding the campaign lock as every board change does.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordChange } from '../../audit/record-change.ts';
import type { Db } from '../../db/client.ts';
import { deals, inboxSettings, stages } from '../../db/schema/index.ts';
import { appendRank } from '../../deals/deal-ranks.ts';
import { lockCampaign } from '../../deals/deals.cards.ts';

export type RepliedStage = { id: string; name: string; position: number; kind: string };

/** The stage replies move deals to, or null when the workspace has none. */
export async function repliedStage(tx: Db, workspaceId: string): Promise<RepliedStage | null> {
  const list = await tx
    .select({ id: stages.id, name: stages.name, position: stages.position, kind: stages.kind })
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position));
  const [setting] = await tx
    .select({ stageId: inboxSettings.repliedStageId })
    .from(inboxSettings)
    .where(eq(inboxSettings.workspaceId, workspaceId));
  const chosen = setting?.stageId ? list.find((s) => s.id === setting.stageId) : undefined;
  return chosen ?? list.find((s) => s.name.trim().toLowerCase() === 'replied') ?? null;
}

export type DealMove = { dealId: string; from: string; to: string } | null;

export async function moveDealToReplied(
  tx: Db,
  input: { workspaceId: string; dealId: string; inboundId: string; now: Date },
): Promise<DealMove> {
  const target = await repliedStage(tx, input.workspaceId);
  if (!target) return null;
  const [found] = await tx
    .select({ campaignId: deals.campaignId })
    .from(deals)
    .where(and(eq(deals.id, input.dealId), eq(deals.workspaceId, input.workspaceId)));
  if (!found) return null;
  await lockCampaign(tx, input.workspaceId, found.campaignId);
  const [deal] = await tx
    .select({
      stageId: deals.stageId,
      contactId: deals.contactId,
      stageName: stages.name,
      stagePosition: stages.position,
      stageKind: stages.kind,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .where(eq(deals.id, input.dealId));
  if (deal?.stageKind !== 'open' || deal.stagePosition >= target.position) return null;
  const rank = await appendRank(tx, found.campaignId, target.id, [input.dealId]);
  await tx
    .update(deals)
    .set({
      stageId: target.id,
      position: rank,
      stageEnteredAt: input.now,
      updatedAt: input.now,
      version: sql`${deals.version} + 1`,
    })
    .where(eq(deals.id, input.dealId));
  await recordChange(tx, {
    workspaceId: input.workspaceId,
    actorId: null,
    at: input.now,
    contactId: deal.contactId,
    activity: {
      subjectType: 'deal',
      subjectId: input.dealId,
      dealId: input.dealId,
      campaignId: found.campaignId,
      kind: 'stage_changed',
      payload: {
        from: deal.stageName,
        to: target.name,
        fromStageId: deal.stageId,
        toStageId: target.id,
        because: 'reply',
        inboundId: input.inboundId,
      },
    },
    audit: {
      entityType: 'deal',
      entityId: input.dealId,
      action: 'stage_changed',
      changes: { stage: { from: deal.stageName, to: target.name }, because: 'reply' },
    },
  });
  return { dealId: input.dealId, from: deal.stageName, to: target.name };
}
