/**
 * The leaderboard: one snapshot's scores joined with the accounts' profiles, sorted, filtered
 * and paged by offset (the table is virtualized, so clients ask for arbitrary windows).
 * Sorting, filtering and the page's columns come from leaderboard.index.ts; the shortlist is read here.
 * Every read is scoped to the caller's workspace: another workspace's niche is reported as missing.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { scoreSnapshots, shortlist } from '../db/schema/index.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { attributeKeys, attributesOf } from './leaderboard.attributes.ts';
import { LeaderboardError } from './leaderboard.errors.ts';
import { queryIndex, type SnapshotIndex, snapshotIndex } from './leaderboard.index.ts';
import type { ListInput } from './leaderboard.schemas.ts';

export type SnapshotInfo = {
  id: string;
  createdAt: Date;
  components: string[];
  weights: Record<string, number>;
  /** Components left out of the score for this niche, with why ('no-data' or 'same-for-all'). */
  excluded: Record<string, string>;
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
    if (snapshotId) throw new LeaderboardError('snapshot_not_found', 'No such snapshot.');
    return null;
  }
  const components = Array.isArray(row.meta.components) ? (row.meta.components as string[]) : [];
  const excluded = (row.meta.excluded ?? {}) as Record<string, string>;
  return { ...row, components, excluded };
}

export async function listLeaderboard(db: Db, workspaceId: string, input: ListInput) {
  // Snapshots carry their workspace: finding one proves the niche is this workspace's.
  const snapshot = await resolveSnapshot(db, input.nicheId, input.snapshotId, workspaceId);
  if (!snapshot) return { snapshot: null, total: 0, rows: [], attributeKeys: [] };
  const index = await snapshotIndex(db, snapshot.id);
  const { total, positions } = queryIndex(index, input);
  const keys = await attributeKeys(db, input.nicheId);
  const rows = await pageRows(db, input.nicheId, index, positions, keys.length > 0);
  return {
    /** The imported file's own columns, for the leaderboard's optional columns. */
    attributeKeys: keys,
    snapshot: {
      id: snapshot.id,
      createdAt: snapshot.createdAt,
      components: snapshot.components,
      excluded: snapshot.excluded,
    },
    total,
    rows,
  };
}

/** The page's rows from the index, with the shortlist read fresh (it changes all the time). */
async function pageRows(
  db: Db,
  nicheId: string,
  index: SnapshotIndex,
  positions: number[],
  withAttributes: boolean,
) {
  if (positions.length === 0) return [];
  const ids = positions.map((i) => index.accountIds[i]);
  const attributes = withAttributes ? await attributesOf(db, nicheId, ids) : new Map();
  const listed = await db
    .select({ accountId: shortlist.accountId, contactId: shortlist.contactId })
    .from(shortlist)
    .where(and(eq(shortlist.nicheId, nicheId), inArray(shortlist.accountId, ids)));
  const listedById = new Map(listed.map((r) => [r.accountId, r]));
  const known = (x: number) => (Number.isNaN(x) ? null : x);
  const v = index.values;
  return positions.map((i) => {
    const entry = listedById.get(index.accountIds[i]);
    return {
      accountId: index.accountIds[i],
      rank: index.ranks[i],
      ...index.profiles[i],
      followers: known(v.followers[i]),
      nicheFollowers: v.nicheFollowers[i],
      score: v.score[i],
      reach: v.reach[i],
      pagerank: v.pagerank[i],
      hub: v.hub[i],
      authority: v.authority[i],
      betweenness: v.betweenness[i],
      coreness: v.coreness[i],
      nicheAffinity: v.nicheAffinity[i],
      community: index.community[i],
      engagementRate: known(v.engagementRate[i]),
      audienceQuality: known(v.audienceQuality[i]),
      shortlisted: !!entry,
      contactId: entry?.contactId ?? null,
      attributes: (attributes.get(index.accountIds[i]) ?? null) as Record<
        string,
        string | number | boolean | null
      > | null,
    };
  });
}
