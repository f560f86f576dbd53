/** The network map's data, a snapshot's communities, and what changed between two snapshots. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { nicheAccounts, nicheScores } from '../db/schema/index.ts';
import { customCommunityNames, defaultCommunityName } from '../niches/community-names.service.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { loadFollowGraph } from './leaderboard.csr.ts';
import { LeaderboardError } from './leaderboard.errors.ts';
import type { CompareInput, GraphInput } from './leaderboard.schemas.ts';
import { resolveSnapshot } from './leaderboard.service.ts';

/** The top `maxNodes` accounts by score and the follows among them, as index arrays. */
export async function nicheGraph(db: Db, workspaceId: string, input: GraphInput) {
  const niche = await requireNiche(db, workspaceId, input.nicheId);
  const snapshot = await resolveSnapshot(db, niche.id, input.snapshotId);
  const empty = {
    nodes: { ids: [], labels: [], scores: [], communities: [] },
    edges: { sources: [], targets: [] },
    totalNodes: 0,
    truncated: false,
    edgesAvailable: true,
  };
  if (!snapshot) return empty;
  const rows = await db
    .select({
      id: nicheScores.accountId,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      score: nicheScores.score,
      community: nicheScores.community,
    })
    .from(nicheScores)
    .innerJoin(nicheAccounts, eq(nicheAccounts.id, nicheScores.accountId))
    .where(and(eq(nicheScores.snapshotId, snapshot.id), lte(nicheScores.rank, input.maxNodes)))
    .orderBy(asc(nicheScores.rank));
  const position = new Map(rows.map((r, i) => [r.id, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const graph = await loadFollowGraph(db, niche.id);
  if (graph) {
    const { outOffsets, outTargets } = graph.csr;
    rows.forEach((r, i) => {
      const u = graph.indexOf.get(r.id);
      if (u === undefined) return;
      for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
        const j = position.get(graph.accountIds[outTargets[e]]);
        if (j !== undefined) {
          sources.push(i);
          targets.push(j);
        }
      }
    });
  }
  return {
    nodes: {
      ids: rows.map((r) => r.id),
      labels: rows.map((r) => r.displayName || r.handle),
      scores: rows.map((r) => r.score),
      communities: rows.map((r) => r.community),
    },
    edges: { sources, targets },
    totalNodes: snapshot.nodeCount,
    truncated: snapshot.nodeCount > rows.length,
    edgesAvailable: !!graph,
  };
}

export async function nicheCommunities(db: Db, workspaceId: string, nicheId: string, snapshotId?: string) {
  const niche = await requireNiche(db, workspaceId, nicheId);
  const snapshot = await resolveSnapshot(db, niche.id, snapshotId);
  if (!snapshot) return { snapshot: null, communities: [] };
  const ids = snapshot.communities.flatMap((c) => c.topAccountIds.slice(0, 5));
  const accounts = ids.length
    ? await db
        .select({
          accountId: nicheAccounts.id,
          handle: nicheAccounts.handle,
          displayName: nicheAccounts.displayName,
          rank: nicheScores.rank,
          score: nicheScores.score,
        })
        .from(nicheAccounts)
        .innerJoin(
          nicheScores,
          and(eq(nicheScores.accountId, nicheAccounts.id), eq(nicheScores.snapshotId, snapshot.id)),
        )
        .where(and(eq(nicheAccounts.nicheId, niche.id), inArray(nicheAccounts.id, ids)))
    : [];
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const custom = await customCommunityNames(db, niche.id, snapshot.id);
  return {
    snapshot: { id: snapshot.id, createdAt: snapshot.createdAt },
    communities: snapshot.communities.map((c) => {
      const topAccounts = c.topAccountIds.slice(0, 5).flatMap((id) => byId.get(id) ?? []);
      const name = custom.get(c.id)?.name;
      return {
        id: c.id,
        size: c.size,
        share: snapshot.nodeCount > 0 ? c.size / snapshot.nodeCount : 0,
        name:
          name ??
          defaultCommunityName(
            topAccounts.map((a) => a.handle),
            c.size,
          ),
        renamed: name !== undefined,
        topAccounts,
      };
    }),
  };
}

/** Risers and fallers among accounts in both snapshots, and newcomers, by rank. */
export async function compareSnapshots(db: Db, workspaceId: string, input: CompareInput) {
  const niche = await requireNiche(db, workspaceId, input.nicheId);
  const from = await resolveSnapshot(db, niche.id, input.fromSnapshotId);
  const to = await resolveSnapshot(db, niche.id, input.toSnapshotId);
  if (!from || !to) throw new LeaderboardError('snapshot_not_found', 'No such snapshot.');
  const before = alias(nicheScores, 'before');
  const change = sql<number>`${before.rank} - ${nicheScores.rank}`;
  const base = () =>
    db
      .select({
        accountId: nicheScores.accountId,
        handle: nicheAccounts.handle,
        displayName: nicheAccounts.displayName,
        rank: nicheScores.rank,
        score: nicheScores.score,
        previousRank: before.rank,
        previousScore: before.score,
      })
      .from(nicheScores)
      .innerJoin(nicheAccounts, eq(nicheAccounts.id, nicheScores.accountId))
      .leftJoin(before, and(eq(before.snapshotId, from.id), eq(before.accountId, nicheScores.accountId)))
      .$dynamic();
  const inTo = eq(nicheScores.snapshotId, to.id);
  const [risers, fallers, newcomers] = await Promise.all([
    base()
      .where(and(inTo, isNotNull(before.rank), sql`${change} > 0`))
      .orderBy(desc(change), asc(nicheScores.rank))
      .limit(input.limit),
    base()
      .where(and(inTo, isNotNull(before.rank), sql`${change} < 0`))
      .orderBy(asc(change), asc(nicheScores.rank))
      .limit(input.limit),
    base()
      .where(and(inTo, isNull(before.rank)))
      .orderBy(asc(nicheScores.rank))
      .limit(input.limit),
  ]);
  return {
    from: { id: from.id, createdAt: from.createdAt, nodeCount: from.nodeCount },
    to: { id: to.id, createdAt: to.createdAt, nodeCount: to.nodeCount },
    risers,
    fallers,
    newcomers,
  };
}
