/**
 * A niche as CSV (edges + accounts with every leaderboard metric) or GEXF, streamed in chunks.
 * Metrics come from the latest snapshot; an unknown value is left out (an empty CSV cell, no GEXF
 * attvalue), never written as 0, so a spreadsheet or Gephi can tell "none" from "unknown".
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { scoreSnapshots } from '../db/schema/index.ts';
import { createGraphBuilder, type ImportedGraph } from '../graph-files/imported-graph.ts';
import { accountsCsvChunks, edgesCsvChunks, gexfChunks } from '../graph-files/index.ts';
import { rows } from '../niches/niche-store.ts';

/** Profile columns: an imported file's own column of the same name is kept instead. */
const PROFILE_COLUMNS = ['handle', 'followers_count', 'follows_count', 'posts_count'] as const;

/**
 * The leaderboard's metrics, in its order, as exported. They always come from Murmur: a column of
 * the same name in the imported file (say, from an earlier export) is replaced, or dropped when
 * the value is unknown now, so a stale score never passes for a current one.
 */
export const METRIC_COLUMNS = [
  'rank',
  'score',
  'niche_followers',
  'followers_in_graph',
  'platform_followers',
  'reach',
  'pagerank',
  'hub',
  'authority',
  'betweenness',
  'coreness',
  'niche_affinity',
  'audience_quality',
  'engagement_rate',
  'community',
  'snapshot_id',
  'scored_at',
] as const;

export type NicheExport = { graph: ImportedGraph; snapshot: { id: string; createdAt: Date } | null };

/** The niche as the plain graph the writers take, with profile fields and the latest scores as attributes. */
export async function nicheExport(db: Db, nicheId: string): Promise<NicheExport> {
  const [snapshot] = await db
    .select({ id: scoreSnapshots.id, createdAt: scoreSnapshots.createdAt })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  const accounts = await rows<Record<string, unknown> & { id: string | number; platform_id: string }>(
    db,
    sql`select a.id, a.platform_id, a.handle, a.display_name, a.followers_count, a.follows_count, a.posts_count,
          a.attributes, s.rank, s.score, s.niche_followers, s.in_degree as followers_in_graph,
          a.followers_count as platform_followers, s.reach, s.pagerank, s.hub, s.authority, s.betweenness,
          s.coreness, s.niche_affinity, s.audience_quality, a.engagement_rate, s.community
        from niche_accounts a
        left join niche_scores s on s.account_id = a.id and s.snapshot_id = ${snapshot?.id ?? null}
        where a.niche_id = ${nicheId} order by a.id`,
  );
  const builder = createGraphBuilder({ directed: true });
  const byId = new Map<number, string>();
  const scoredAt = snapshot?.createdAt.toISOString();
  for (const a of accounts) {
    byId.set(Number(a.id), a.platform_id);
    const imported = (a.attributes ?? {}) as Record<string, string | number | boolean>;
    const attributes: Record<string, string | number | boolean> = { ...imported };
    const known = (v: unknown) =>
      v !== null && v !== undefined && !(typeof v === 'number' && !Number.isFinite(v));
    for (const key of PROFILE_COLUMNS) {
      const v = a[key];
      if (known(v) && !(key in imported))
        attributes[key] = typeof v === 'string' && key !== 'handle' ? Number(v) : (v as never);
    }
    const scored = a.rank !== null && a.rank !== undefined;
    for (const key of METRIC_COLUMNS) {
      delete attributes[key];
      const v = key === 'snapshot_id' ? snapshot?.id : key === 'scored_at' ? scoredAt : a[key];
      // Snapshot columns only on scored rows: an account added since was not part of it.
      if (!scored && (key === 'snapshot_id' || key === 'scored_at')) continue;
      if (known(v))
        attributes[key] =
          typeof v === 'string' && key !== 'snapshot_id' && key !== 'scored_at' ? Number(v) : (v as never);
    }
    builder.node(a.platform_id);
    builder.account(a.platform_id, {
      label: (a.display_name as string | null) ?? (a.handle as string),
      attributes,
    });
  }
  const edges = await rows<{ f: string | number; t: string | number }>(
    db,
    sql`select follower_id as f, followed_id as t from niche_edges where niche_id = ${nicheId} order by follower_id, followed_id`,
  );
  for (const e of edges) builder.edge(byId.get(Number(e.f))!, byId.get(Number(e.t))!);
  return { graph: builder.build(), snapshot: snapshot ?? null };
}

export function exportChunks(
  graph: ImportedGraph,
  format: 'csv' | 'gexf',
  part: 'edges' | 'accounts' = 'edges',
  snapshot: NicheExport['snapshot'] = null,
) {
  if (format === 'gexf') {
    const description = snapshot
      ? `Murmur niche export: scores from snapshot ${snapshot.id}, scored at ${snapshot.createdAt.toISOString()}`
      : 'Murmur niche export: not scored yet';
    return gexfChunks(graph, { creator: 'Murmur', description });
  }
  // Every metric column is in the header, even when no account has a value for it.
  return part === 'edges'
    ? edgesCsvChunks(graph)
    : accountsCsvChunks(graph, { columns: [...METRIC_COLUMNS] });
}
