/**
 * The accounts a team picked from a niche. Turning them into contacts is shortlist.contacts.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { nicheAccounts, nicheScores, scoreSnapshots, shortlist } from '../db/schema/index.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { ShortlistError } from './shortlist.errors.ts';

export async function listShortlist(db: Db, workspaceId: string, nicheId: string) {
  await requireNiche(db, workspaceId, nicheId);
  const latest = db
    .select({ id: scoreSnapshots.id })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(sql`${scoreSnapshots.createdAt} desc`)
    .limit(1);
  return db
    .select({
      accountId: shortlist.accountId,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      followers: nicheAccounts.followersCount,
      contactId: shortlist.contactId,
      addedAt: shortlist.addedAt,
      rank: nicheScores.rank,
      score: nicheScores.score,
    })
    .from(shortlist)
    .innerJoin(nicheAccounts, eq(nicheAccounts.id, shortlist.accountId))
    .leftJoin(
      nicheScores,
      and(eq(nicheScores.accountId, shortlist.accountId), sql`${nicheScores.snapshotId} = (${latest})`),
    )
    .where(eq(shortlist.nicheId, nicheId))
    .orderBy(sql`${nicheScores.rank} asc nulls last`, asc(shortlist.addedAt), asc(shortlist.accountId));
}

export async function requireAccounts(db: Db, nicheId: string, accountIds: number[]) {
  const unique = [...new Set(accountIds)];
  const rows = await db
    .select({
      id: nicheAccounts.id,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      url: nicheAccounts.url,
      attributes: nicheAccounts.attributes,
    })
    .from(nicheAccounts)
    .where(and(eq(nicheAccounts.nicheId, nicheId), inArray(nicheAccounts.id, unique)));
  if (rows.length !== unique.length)
    throw new ShortlistError('unknown_accounts', 'Some of those accounts are not in this niche.');
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => byId.get(id)!);
}

export async function addToShortlist(
  db: Db,
  workspaceId: string,
  userId: string,
  nicheId: string,
  accountIds: number[],
) {
  await requireNiche(db, workspaceId, nicheId);
  const accounts = await requireAccounts(db, nicheId, accountIds);
  const added = await db
    .insert(shortlist)
    .values(accounts.map((a) => ({ nicheId, accountId: a.id, workspaceId, addedBy: userId })))
    .onConflictDoNothing()
    .returning({ accountId: shortlist.accountId });
  return { added: added.length };
}

export async function removeFromShortlist(db: Db, workspaceId: string, nicheId: string, accountId: number) {
  await requireNiche(db, workspaceId, nicheId);
  const removed = await db
    .delete(shortlist)
    .where(and(eq(shortlist.nicheId, nicheId), eq(shortlist.accountId, accountId)))
    .returning({ accountId: shortlist.accountId });
  return { removed: removed.length };
}
