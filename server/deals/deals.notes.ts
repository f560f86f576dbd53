import { recordActivity } from '../audit/activities.service.ts';
import type { Db } from '../db/client.ts';
import { getDeal } from './deals.cards.ts';

/** A note goes on the deal's timeline only: notes are not audited changes to the deal. */
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
