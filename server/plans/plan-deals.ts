/**
 * A plan becomes deals: every picked account becomes (or is linked to) a contact, and each
 * contact a deal in the campaign's first stage carrying its planned fee. One transaction, and
 * idempotent: a contact already in the campaign is skipped, so a second click adds nothing.
 * Like a move on the board, going over the campaign budget needs the person's confirmation:
 * the planned fees are counted as if committed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { assertWithinBudget } from '../campaigns/campaign-budget.ts';
import type { Db } from '../db/client.ts';
import { deals } from '../db/schema/index.ts';
import { addContactsToCampaign } from '../deals/deals.add.ts';
import { lockCampaign } from '../deals/deals.cards.ts';
import { addShortlistToContacts } from '../shortlist/shortlist.contacts.ts';
import { PlanError } from './plans.errors.ts';
import type { ToDealsInput } from './plans.schemas.ts';
import { getPlan } from './plans.service.ts';

export async function planToDeals(
  db: Db,
  workspaceId: string,
  userId: string,
  input: ToDealsInput,
  now: Date,
) {
  const plan = await getPlan(db, workspaceId, input.id);
  if (plan.status !== 'done' || !plan.result)
    throw new PlanError('plan_not_ready', 'This plan has not finished computing yet.');
  const picks = plan.result.plan.picks;
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, workspaceId, input.campaignId);
    if (campaign.currency !== plan.inputs.currency)
      throw new PlanError(
        'currency_mismatch',
        `The plan's fees are in ${plan.inputs.currency} and the campaign's budget in ${campaign.currency}; plan again in ${campaign.currency}.`,
      );
    const linked = await addShortlistToContacts(
      tx,
      workspaceId,
      userId,
      plan.nicheId,
      picks.map((p) => p.accountId),
    );
    const contactOf = new Map(linked.results.map((r) => [r.accountId, r.contactId]));
    const feeOf = new Map(picks.map((p) => [contactOf.get(p.accountId)!, p.feeMinor]));
    const present = await tx
      .select({ contactId: deals.contactId })
      .from(deals)
      .where(and(eq(deals.campaignId, campaign.id), inArray(deals.contactId, [...feeOf.keys()])));
    const already = new Set(present.map((d) => d.contactId));
    const addMinor = [...feeOf].reduce(
      (sum, [contactId, fee]) => sum + (already.has(contactId) ? 0 : (fee ?? 0)),
      0,
    );
    await assertWithinBudget(tx, workspaceId, campaign, { addMinor }, input.acceptOverBudget);
    const added = await addContactsToCampaign(tx, workspaceId, campaign.id, [...feeOf.keys()], userId, now);
    for (const deal of added.added) {
      const fee = feeOf.get(deal.contactId);
      if (fee !== null && fee !== undefined)
        await tx.update(deals).set({ feeMinor: fee }).where(eq(deals.id, deal.dealId));
    }
    const accountOf = new Map(linked.results.map((r) => [r.contactId, r.accountId]));
    const handleOf = new Map(picks.map((p) => [p.accountId, p.handle]));
    return {
      campaignId: campaign.id,
      added: added.added.length,
      feesMinor: addMinor,
      skipped: added.skipped.map((s) => ({
        handle: handleOf.get(accountOf.get(s.contactId)!) ?? s.contactId,
        reason: s.reason,
      })),
    };
  });
}
