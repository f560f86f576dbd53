/** A niche as CSV (edges + accounts with scores) or GEXF, streamed in chunks. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { scoreSnapshots } from '../db/schema/index.ts';
import { createGraphBuilder, type ImportedGraph } from '../graph-files/imported-graph.ts';
import { accountsCsvChunks, edgesCsvChunks, gexfChunks } from '../graph-files/index.ts';
import { rows } from '../niches/niche-store.ts';

/** Builds the niche as the plain graph the writers take, with profile fields and latest scores as attributes. */
export async function nicheAsGraph(db: Db, nicheId: string): Promise<ImportedGraph> {
  const [snapshot] = await db
    .select({ id: scoreSnapshots.id })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  const accounts = await rows<Record<string, unknown> & { id: string | number; platform_id: string }>(
    db,
    sql`select a.id, a.platform_id, a.handle, a.display_name, a.followers_count, a.follows_count, a.posts_count,
          a.engagement_rate, a.attributes, s.rank, s.score, s.community
        from niche_accounts a
        left join niche_scores s on s.account_id = a.id and s.snapshot_id = ${snapshot?.id ?? null}
        where a.niche_id = ${nicheId} order by a.id`,
  );
  const builder = createGraphBuilder({ directed: true });
  const byId = new Map<number, string>();
  for (const a of accounts) {
    byId.set(Number(a.id), a.platform_id);
    const attributes: Record<string, string | number | boolean> = {};
    const imported = (a.attributes ?? {}) as Record<string, string | number | boolean>;
    Object.assign(attributes, imported);
    for (const key of [
      'handle',
      'followers_count',
      'follows_count',
      'posts_count',
      'engagement_rate',
      'rank',
      'score',
      'community',
    ]) {
      const v = a[key];
      if (v !== null && v !== undefined && !(key in imported))
        attributes[key] = typeof v === 'string' && key !== 'handle' ? Number(v) : (v as never);
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
  return builder.build();
}

export function exportChunks(
  graph: ImportedGraph,
  format: 'csv' | 'gexf',
  part: 'edges' | 'accounts' = 'edges',
) {
  if (format === 'gexf') return gexfChunks(graph, { creator: 'Murmur', description: 'Exported niche' });
  return part === 'edges' ? edgesCsvChunks(graph) : accountsCsvChunks(graph);
}
