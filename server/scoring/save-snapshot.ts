/** Writes one scoring of a niche as a snapshot: a header row and every account's scores, in one transaction. */
import { sql } from 'drizzle-orm';
import type { NicheScores } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { scoreSnapshots } from '../db/schema/index.ts';
import { arrayParam, rows } from '../niches/niche-store.ts';

const batch = 5000;

export async function saveSnapshot(
  db: Db,
  target: { nicheId: string; workspaceId: string },
  accountIds: Float64Array,
  scores: NicheScores,
): Promise<string> {
  const n = scores.nodeCount;
  // Rank by score, then by in-graph followers, then by id, so ranks are total and stable.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      scores.score[b] - scores.score[a] ||
      scores.inDegree[b] - scores.inDegree[a] ||
      accountIds[a] - accountIds[b],
  );
  const rank = new Int32Array(n);
  order.forEach((node, r) => {
    rank[node] = r + 1;
  });
  // `real` columns hold float32: values below its range would fail the insert, and mean 0 anyway.
  const finite = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 1e-30 ? 0 : v) : null);

  return db.transaction(async (tx) => {
    const [snapshot] = await tx
      .insert(scoreSnapshots)
      .values({
        nicheId: target.nicheId,
        workspaceId: target.workspaceId,
        nodeCount: n,
        edgeCount: scores.edgeCount,
        modularity: Number.isFinite(scores.modularity) ? scores.modularity : 0,
        communityCount: scores.communityCount,
        communities: scores.communities.map((c) => ({
          id: c.id,
          size: c.size,
          topAccountIds: c.topNodes.map((v) => accountIds[v]),
        })),
        weights: { ...scores.weights },
        meta: {
          components: scores.components,
          excluded: scores.excluded,
          timings: scores.timings,
          convergence: scores.convergence,
          reachStandardError: scores.reachStandardError,
          betweennessExact: scores.betweennessExact,
          betweennessSources: scores.betweennessSources,
          nicheBaseline: scores.nicheBaseline,
          selfLoops: scores.selfLoops,
          duplicateEdges: scores.duplicateEdges,
        },
      })
      .returning({ id: scoreSnapshots.id });
    for (let start = 0; start < n; start += batch) {
      const nodes = order.slice(start, start + batch);
      const column = (values: ArrayLike<number>, map: (v: number) => number | null = finite) =>
        arrayParam(nodes.map((v) => map(values[v])));
      const percentiles = nodes.map(
        (v) =>
          `{${scores.components.map((c) => (Number.isNaN(scores.percentiles[c][v]) ? 'NULL' : (finite(scores.percentiles[c][v]) ?? 'NULL'))).join(',')}}`,
      );
      await rows(
        tx,
        sql`insert into niche_scores (snapshot_id, account_id, rank, score, in_degree, niche_followers, reach, pagerank, hub,
              authority, betweenness, coreness, niche_affinity, audience_quality, community, percentiles)
            select ${snapshot.id}::uuid, account_id, rank, score, in_degree, niche_followers, reach, pagerank, hub, authority,
                   betweenness, coreness, niche_affinity, audience_quality, community, percentiles_text::real[]
            from unnest(
              ${column(accountIds)}::bigint[], ${column(rank)}::int[], ${column(scores.score, (v) => finite(v) ?? 0)}::real[],
              ${column(scores.inDegree)}::int[], ${column(scores.nicheFollowers, (v) => finite(v) ?? 0)}::int[],
              ${column(scores.reach, (v) => finite(v) ?? 0)}::real[], ${column(scores.pagerank, (v) => finite(v) ?? 0)}::float8[],
              ${column(scores.hubs, (v) => finite(v) ?? 0)}::real[], ${column(scores.authorities, (v) => finite(v) ?? 0)}::real[],
              ${column(scores.betweenness, (v) => finite(v) ?? 0)}::real[], ${column(scores.coreness)}::int[],
              ${column(scores.nicheAffinity, (v) => finite(v) ?? 0)}::real[], ${column(scores.audienceQuality)}::real[],
              ${column(scores.community)}::int[], ${arrayParam(percentiles)}::text[]
            ) as t(account_id, rank, score, in_degree, niche_followers, reach, pagerank, hub, authority, betweenness,
                   coreness, niche_affinity, audience_quality, community, percentiles_text)`,
      );
    }
    return snapshot.id;
  });
}
