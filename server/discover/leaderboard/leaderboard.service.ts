/**
 * The leaderboard: one snapshot's scores joined with the accounts' profiles, sorted, filtered
 * and paged by offset (the table is virtualized, so clients ask for arbitrary windows).
 * Every read goes through `requireNiche`, which treats another workspace's niche as missing.
 */
import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { nicheAccounts, nicheScores, niches, scoreSnapshots, shortlist } from '../../db/schema/index.ts';
import { AppError } from '../../trpc/errors.ts';
import type { LeaderboardSort, ListInput, RangeField } from './leaderboard.schemas.ts';

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

/** The requested snapshot of this niche, or its latest; null when the niche was never scored. */
export async function resolveSnapshot(
  db: Db,
  nicheId: string,
  snapshotId?: string,
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
      snapshotId
        ? and(eq(scoreSnapshots.nicheId, nicheId), eq(scoreSnapshots.id, snapshotId))
        : eq(scoreSnapshots.nicheId, nicheId),
    )
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  if (!row) {
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

const rangeColumns = {
  score: nicheScores.score,
  followers: nicheAccounts.followersCount,
  nicheFollowers: nicheScores.nicheFollowers,
  engagementRate: nicheAccounts.engagementRate,
  audienceQuality: nicheScores.audienceQuality,
} satisfies Record<RangeField, unknown>;

/**
 * Sort keys, each ending on the unique rank so pages never overlap. Score order is rank
 * order (rank is assigned by score), which lets both use the (snapshot, rank) index.
 * Nullable columns keep unknown values last in both directions.
 */
function orderBy(sort: LeaderboardSort, dir: 'asc' | 'desc'): SQL[] {
  const by = dir === 'asc' ? asc : desc;
  const nullsLast = (column: AnyPgColumn) => sql`${column} ${sql.raw(dir)} nulls last`;
  switch (sort) {
    case 'rank':
      return [by(nicheScores.rank)];
    case 'score':
      return [dir === 'desc' ? asc(nicheScores.rank) : desc(nicheScores.rank)];
    case 'handle':
      return [by(sql`lower(${nicheAccounts.handle})`), asc(nicheScores.rank)];
    case 'followers':
      return [nullsLast(nicheAccounts.followersCount), asc(nicheScores.rank)];
    case 'engagementRate':
      return [nullsLast(nicheAccounts.engagementRate), asc(nicheScores.rank)];
    case 'audienceQuality':
      return [nullsLast(nicheScores.audienceQuality), asc(nicheScores.rank)];
    default:
      return [by(nicheScores[sort]), asc(nicheScores.rank)];
  }
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filters(nicheId: string, snapshotId: string, input: ListInput): SQL {
  const conditions: SQL[] = [eq(nicheScores.snapshotId, snapshotId), eq(nicheAccounts.nicheId, nicheId)];
  if (input.search) {
    const pattern = `%${escapeLike(input.search.replace(/^@/, '').toLowerCase())}%`;
    conditions.push(
      sql`(lower(${nicheAccounts.handle}) like ${pattern} or lower(coalesce(${nicheAccounts.displayName}, '')) like ${pattern})`,
    );
  }
  if (input.community !== undefined) conditions.push(eq(nicheScores.community, input.community));
  for (const [field, range] of Object.entries(input.ranges ?? {})) {
    const column = rangeColumns[field as RangeField];
    if (range?.min !== undefined) conditions.push(gte(column, range.min));
    if (range?.max !== undefined) conditions.push(lte(column, range.max));
  }
  return and(...conditions)!;
}

export async function listLeaderboard(db: Db, workspaceId: string, input: ListInput) {
  await requireNiche(db, workspaceId, input.nicheId);
  const snapshot = await resolveSnapshot(db, input.nicheId, input.snapshotId);
  if (!snapshot) return { snapshot: null, total: 0, rows: [] };
  const where = filters(input.nicheId, snapshot.id, input);
  const filtered =
    !!input.search ||
    input.community !== undefined ||
    Object.values(input.ranges ?? {}).some((r) => r?.min !== undefined || r?.max !== undefined);
  const rows = await db
    .select(rowColumns)
    .from(nicheScores)
    .innerJoin(nicheAccounts, eq(nicheAccounts.id, nicheScores.accountId))
    .leftJoin(
      shortlist,
      and(eq(shortlist.nicheId, input.nicheId), eq(shortlist.accountId, nicheScores.accountId)),
    )
    .where(where)
    .orderBy(...orderBy(input.sort, input.dir))
    .limit(input.limit)
    .offset(input.offset);
  // Unfiltered, the snapshot already knows how many accounts it scored.
  const total = filtered
    ? (
        await db
          .select({ n: count() })
          .from(nicheScores)
          .innerJoin(nicheAccounts, eq(nicheAccounts.id, nicheScores.accountId))
          .where(where)
      )[0].n
    : snapshot.nodeCount;
  return {
    snapshot: { id: snapshot.id, createdAt: snapshot.createdAt, components: snapshot.components },
    total,
    rows,
  };
}
