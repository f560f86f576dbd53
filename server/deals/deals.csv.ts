import { toCsv } from '../contacts/csv.ts';
import type { Db } from '../db/client.ts';
import { ensureStages } from '../stages/stages.service.ts';
import { listCards } from './deals.cards.ts';

/** The campaign's deals (or the chosen ones) as CSV, in board order. Money in major units. */
export async function exportDealsCsv(db: Db, workspaceId: string, campaignId: string, ids?: string[]) {
  const stages = await ensureStages(db, workspaceId);
  const cards = await listCards(db, workspaceId, { campaignId, ids });
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  cards.sort(
    (a, b) => (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) || a.position - b.position,
  );
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  return toCsv(
    [
      'contact',
      'email',
      'do_not_contact',
      'stage',
      'fee',
      'currency',
      'owner',
      'next_action',
      'next_action_at',
      'in_stage_since',
      'deliverables',
    ],
    cards.map((c) => [
      c.contactName,
      c.contactEmail ?? '',
      c.doNotContact ? 'yes' : 'no',
      stageName.get(c.stageId) ?? '',
      c.feeMinor === null ? '' : (c.feeMinor / 100).toFixed(2),
      c.currency,
      c.ownerName ?? '',
      c.nextAction,
      c.nextActionAt?.toISOString() ?? '',
      c.stageEnteredAt.toISOString(),
      c.deliverables
        .map((d) => `${d.kind} on ${d.platform} (${d.status}${d.url ? ` ${d.url}` : ''})`)
        .join('; '),
    ]),
  );
}
