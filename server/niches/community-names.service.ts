/**
 * Communities are named by their top accounts ("@alice, @bob & co") until someone renames one.
 *
 * Louvain numbers communities afresh on every scoring, so a rename cannot be stored against a
 * community id. It is stored with the community's top members at the time (up to
 * `MEMBERS_KEPT` accounts, by rank). In any snapshot, a rename belongs to the community that
 * holds more than half of those members; a rename whose members scattered names nothing, and
 * the community falls back to its top accounts. When two renames land on the same community,
 * the newer one wins. So a rename survives re-scoring as long as the group it named stays
 * together, whatever number Louvain gives it.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { communityNames, nicheScores, scoreSnapshots } from '../db/schema/index.ts';
import { NicheError } from './niches.errors.ts';
import { requireNiche } from './niches.service.ts';

const MEMBERS_KEPT = 10;

/** "@alice, @bob & co" from the community's accounts in rank order. */
export function defaultCommunityName(handles: string[], size: number): string {
  const named = handles.slice(0, 2).map((h) => `@${h.replace(/^@/, '')}`);
  if (named.length === 0) return 'Unnamed community';
  return size > named.length ? `${named.join(', ')} & co` : named.join(' & ');
}

/** The custom names that apply to a snapshot's communities, by community id. */
export async function customCommunityNames(db: Db, nicheId: string, snapshotId: string) {
  const renames = await db
    .select({ id: communityNames.id, name: communityNames.name, memberIds: communityNames.memberIds })
    .from(communityNames)
    .where(eq(communityNames.nicheId, nicheId))
    .orderBy(asc(communityNames.createdAt), asc(communityNames.id));
  const names = new Map<number, { renameId: string; name: string }>();
  if (renames.length === 0) return names;
  const memberIds = [...new Set(renames.flatMap((r) => r.memberIds))];
  const rows = await db
    .select({ accountId: nicheScores.accountId, community: nicheScores.community })
    .from(nicheScores)
    .where(and(eq(nicheScores.snapshotId, snapshotId), inArray(nicheScores.accountId, memberIds)));
  const communityOf = new Map(rows.map((r) => [r.accountId, r.community]));
  for (const rename of renames) {
    const counts = new Map<number, number>();
    for (const id of rename.memberIds) {
      const c = communityOf.get(id);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const [community, n] of counts) {
      // Oldest first: a newer rename of the same group overwrites an older one.
      if (n * 2 > rename.memberIds.length) names.set(community, { renameId: rename.id, name: rename.name });
    }
  }
  return names;
}

/**
 * Names (or, with an empty name, un-names) a community of a snapshot. Replaces whichever
 * rename currently applies to it, so renaming twice leaves one.
 */
export async function renameCommunity(
  db: Db,
  workspaceId: string,
  userId: string,
  input: { nicheId: string; snapshotId: string; communityId: number; name: string },
) {
  await requireNiche(db, workspaceId, input.nicheId);
  const [snapshot] = await db
    .select({ id: scoreSnapshots.id, communities: scoreSnapshots.communities })
    .from(scoreSnapshots)
    .where(and(eq(scoreSnapshots.id, input.snapshotId), eq(scoreSnapshots.nicheId, input.nicheId)));
  if (!snapshot?.communities.some((c) => c.id === input.communityId))
    throw new NicheError('community_not_found', 'No such community in this scoring.');
  return db.transaction(async (tx) => {
    const current = (await customCommunityNames(tx, input.nicheId, snapshot.id)).get(input.communityId);
    if (current) await tx.delete(communityNames).where(eq(communityNames.id, current.renameId));
    if (input.name === '') return { name: null };
    const members = await tx
      .select({ accountId: nicheScores.accountId })
      .from(nicheScores)
      .where(and(eq(nicheScores.snapshotId, snapshot.id), eq(nicheScores.community, input.communityId)))
      .orderBy(asc(nicheScores.rank))
      .limit(MEMBERS_KEPT);
    await tx.insert(communityNames).values({
      nicheId: input.nicheId,
      name: input.name,
      memberIds: members.map((m) => m.accountId),
      createdBy: userId,
    });
    return { name: input.name };
  });
}
