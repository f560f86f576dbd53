/** Adding contacts to a campaign's pipeline. */
import { and, eq, inArray } from 'drizzle-orm';
import { recordChange } from '../audit/record-change.ts';
import type { Db } from '../db/client.ts';
import { contacts, deals } from '../db/schema/index.ts';
import { ensureStages } from '../stages/stages.service.ts';
import { appendRank, RANK_STEP } from './deal-ranks.ts';
import { lockCampaign } from './deals.cards.ts';

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
    const next = await appendRank(tx, campaignId, first.id);
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
    await recordChange(
      tx,
      inserted.map((d) => ({
        workspaceId,
        actorId: actorUserId,
        at: now,
        contactId: d.contactId,
        activity: {
          subjectType: 'deal' as const,
          subjectId: d.dealId,
          dealId: d.dealId,
          campaignId,
          kind: 'deal_created',
          payload: { stage: first.name },
        },
        audit: {
          entityType: 'deal' as const,
          entityId: d.dealId,
          action: 'created',
          changes: { campaignId, stage: first.name },
        },
      })),
    );
    return result;
  });
}
