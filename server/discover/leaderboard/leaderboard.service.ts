/**
 * The leaderboard: one snapshot's scores joined with the accounts' profiles, sorted, filtered
 * and paged by offset (the table is virtualized, so clients ask for arbitrary windows).
 * Sorting and filtering run on leaderboard.index.ts; only the page's rows are read here.
 * Every read goes through `requireNiche`, which treats another workspace's niche as missing.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { nicheAccounts, nicheScores, niches, scoreSnapshots, shortlist } from '../../db/schema/index.ts';
import { AppError } from '../../trpc/errors.ts';
import { queryIndex, snapshotIndex } from './leaderboard.index.ts';
import type { ListInput } from './leaderboard.schemas.ts';

export class LeaderboardError extends AppError<'no_niche' | 'no_snapshot' | 'no_account'> {}

export async function requireNiche(db: Db, workspaceId: string, nicheId: string) {
  const [niche] = await db
    .select({ id: niches.id, name: niches.name, platform: niches.platform, isDemo: niches.isDemo })
    .from(niches)
    .where(and(eq(niches.id, nicheId), eq(niches.workspaceId, workspaceId)));
  if (!niche) throw new LeaderboardError('not_found', 'No such niche.', 'no_niche');
  return niche;
}

export type SnapshotInfo = {
  id: string;
  createdAt: Date;
  components: string[];
  weights: Record<string, number>;
  nodeCount: number;
  communities: { id: number; size: number; topAccountIds: number[] }[];
};

/**
 * The requested snapshot of this niche, or its latest; null when the niche was never
 * scored. Checks the niche's workspace in the same query (one round trip per request).
 */
export async function resolveSnapshot(
  db: Db,
  nicheId: string,
  snapshotId?: string,
  workspaceId?: string,
): Promise<SnapshotInfo | null> {
  const [row] = await db
    .select({
      id: scoreSnapshots.id,
      createdAt: scoreSnapshots.createdAt,
      meta: scoreSnapshots.meta,
      weights: scoreSnapshots.weights,
      nodeCount: scoreSnapshots.nodeCount,
      communities: scoreSnapshots.communities,
    })
    .from(scoreSnapshots)
    .where(
      and(
        eq(scoreSnapshots.nicheId, nicheId),
        snapshotId ? eq(scoreSnapshots.id, snapshotId) : undefined,
        workspaceId ? eq(scoreSnapshots.workspaceId, workspaceId) : undefined,
      ),
    )
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  if (!row) {
    if (workspaceId) await requireNiche(db, workspaceId, nicheId);
    if (snapshotId) throw new LeaderboardError('not_found', 'No such snapshot.', 'no_snapshot');
    return null;
  }
  const components = Array.isArray(row.meta.components) ? (row.meta.components as string[]) : [];
  return { ...row, components };
}

/** Columns a leaderboard row shows; shared with the account panel. */
export const rowColumns = {
  accountId: nicheScores.accountId,
  rank: nicheScores.rank,
  handle: nicheAccounts.handle,
  displayName: nicheAccounts.displayName,
  avatarUrl: nicheAccounts.avatarUrl,
  url: nicheAccounts.url,
  followers: nicheAccounts.followersCount,
  nicheFollowers: nicheScores.nicheFollowers,
  score: nicheScores.score,
  reach: nicheScores.reach,
  pagerank: nicheScores.pagerank,
  hub: nicheScores.hub,
  authority: nicheScores.authority,
  betweenness: nicheScores.betweenness,
  coreness: nicheScores.coreness,
  nicheAffinity: nicheScores.nicheAffinity,
  community: nicheScores.community,
  engagementRate: nicheAccounts.engagementRate,
  audienceQuality: nicheScores.audienceQuality,
  shortlisted: sql<boolean>`${shortlist.accountId} is not null`,
  contactId: shortlist.contactId,
};

export async function listLeaderboard(db: Db, workspaceId: string, input: ListInput) {
  // Snapshots carry their workspace: finding one proves the niche is this workspace's.
  const snapshot = await resolveSnapshot(db, input.nicheId, input.snapshotId, workspaceId);
  if (!snapshot) return { snapshot: null, total: 0, rows: [] };
  const index = await snapshotIndex(db, snapshot.id);
  const { total, accountIds } = queryIndex(index, input);
  const found = accountIds.length
    ? await db
        .select(rowColumns)
        .from(nicheScores)
        .innerJoin(nicheAccounts, eq(nicheAccounts.id, nicheScores.accountId))
        .leftJoin(
          shortlist,
          and(eq(shortlist.nicheId, input.nicheId), eq(shortlist.accountId, nicheScores.accountId)),
        )
        .where(and(eq(nicheScores.snapshotId, snapshot.id), inArray(nicheScores.accountId, accountIds)))
    : [];
  const byId = new Map(found.map((r) => [r.accountId, r]));
  const rows = accountIds.flatMap((id) => byId.get(id) ?? []);
  return {
    snapshot: { id: snapshot.id, createdAt: snapshot.createdAt, components: snapshot.components },
    total,
    rows,
  };
}
