/**
 * A niche's follower graph as a CSR over dense indices, for lookalikes, overlap and the
 * network map. Loading reads every edge, so it is capped and briefly cached: edges only
 * change while a crawl or import runs, and a stale graph for a minute is harmless.
 */
import { eq, sql } from 'drizzle-orm';
import { buildCsr, type Csr } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { nicheEdges } from '../db/schema/index.ts';

/** Beyond this many edges the panel explains that lookalikes and overlap are not computed. */
export const MAX_GRAPH_EDGES = 2_000_000;
const TTL_MS = 60_000;

export type NicheGraph = {
  csr: Csr;
  /** Dense index → niche account id, and back. */
  accountIds: Float64Array;
  indexOf: Map<number, number>;
};

const cache = new Map<string, { at: number; graph: Promise<NicheGraph | null> }>();

export function loadFollowGraph(db: Db, nicheId: string, now = Date.now()): Promise<NicheGraph | null> {
  const hit = cache.get(nicheId);
  if (hit && now - hit.at < TTL_MS) return hit.graph;
  const graph = readGraph(db, nicheId).catch((error) => {
    cache.delete(nicheId);
    throw error;
  });
  cache.set(nicheId, { at: now, graph });
  // A handful of niches at most: drop the oldest.
  if (cache.size > 4) cache.delete(cache.keys().next().value!);
  return graph;
}

async function readGraph(db: Db, nicheId: string): Promise<NicheGraph | null> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(nicheEdges)
    .where(eq(nicheEdges.nicheId, nicheId));
  if (n > MAX_GRAPH_EDGES) return null;
  // Two integer arrays instead of row objects: a few hundred thousand edges stay cheap.
  const [row] = await db
    .select({
      followers: sql<number[]>`coalesce(array_agg(${nicheEdges.followerId}), '{}')`,
      followed: sql<number[]>`coalesce(array_agg(${nicheEdges.followedId}), '{}')`,
    })
    .from(nicheEdges)
    .where(eq(nicheEdges.nicheId, nicheId));
  const followers = row.followers.map(Number);
  const followed = row.followed.map(Number);
  const indexOf = new Map<number, number>();
  const ids: number[] = [];
  const index = (id: number) => {
    let i = indexOf.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      indexOf.set(id, i);
    }
    return i;
  };
  const sources = Int32Array.from(followers, index);
  const targets = Int32Array.from(followed, index);
  return { csr: buildCsr(ids.length, sources, targets), accountIds: Float64Array.from(ids), indexOf };
}
