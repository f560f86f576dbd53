/** A parsed graph written into a niche, all or nothing. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { ImportedGraph } from '../graph-files/imported-graph.ts';
import {
  type AccountInput,
  copyEdgesIntoEmptyNiche,
  insertEdges,
  rows,
  upsertAccounts,
} from '../niches/niche-store.ts';

const INT_MAX = 2_147_483_647;
const ACCOUNT_SLICE = 50_000;

const numberAttribute = (a: Record<string, unknown> | undefined, ...names: string[]) => {
  for (const name of names) {
    const v = a?.[name];
    // The columns are int: a count past that is not a count we can show, so none is kept.
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= INT_MAX) return Math.round(v);
  }
  return null;
};

/**
 * Writes a parsed graph into the niche, all or nothing. (Progress inside the transaction would
 * be invisible to others until it commits, and on PGlite would wait for it: none is reported.)
 */
export async function writeImportedGraph(
  db: Db,
  nicheId: string,
  graph: ImportedGraph,
  onAccountsWritten?: () => void,
) {
  return db.transaction(async (tx) => {
    const input = (id: string): AccountInput => {
      const imported = graph.accounts.get(id);
      const attributes = imported?.attributes;
      return {
        platformId: id,
        handle: imported?.label ?? id,
        displayName: imported?.label ?? null,
        followersCount: numberAttribute(attributes, 'followers', 'followers_count', 'followersCount'),
        followsCount: numberAttribute(attributes, 'follows', 'following', 'follows_count', 'followsCount'),
        postsCount: numberAttribute(attributes, 'posts', 'posts_count', 'postsCount', 'statuses_count'),
        accountCreatedAt: accountAge(attributes),
        attributes: attributes && Object.keys(attributes).length > 0 ? attributes : null,
      };
    };
    // In slices, so a file with millions of accounts never holds a row object for each at once.
    const idOf = new Float64Array(graph.nodeIds.length);
    for (let start = 0; start < graph.nodeIds.length; start += ACCOUNT_SLICE) {
      const slice = graph.nodeIds.slice(start, start + ACCOUNT_SLICE);
      const { ids } = await upsertAccounts(tx, nicheId, slice.map(input));
      for (let i = 0; i < slice.length; i++) {
        const id = ids.get(slice[i]);
        if (id === undefined)
          throw new Error(`imports: account ${JSON.stringify(slice[i].slice(0, 60))} was not stored`);
        idOf[start + i] = id;
      }
    }
    onAccountsWritten?.();
    const [existing] = await rows<{ any: boolean }>(
      tx,
      sql`select exists (select 1 from niche_edges where niche_id = ${nicheId}) as any`,
    );
    if (!existing?.any)
      return { accounts: idOf.length, edges: await copyEdgesIntoEmptyNiche(tx, nicheId, graph.edges, idOf) };
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < graph.edges.length; i++) {
      from.push(idOf[graph.edges.from[i]]);
      to.push(idOf[graph.edges.to[i]]);
    }
    const written = await insertEdges(tx, nicheId, from, to);
    return { accounts: idOf.length, edges: written };
  });
}

/**
 * Account age from a `days` attribute (Twitch datasets) or a creation date; none when the value
 * is no date a timestamp column can hold (a file's `days` may be anything).
 */
function accountAge(attributes: Record<string, unknown> | undefined): string | null {
  const days = attributes?.days;
  const created = attributes?.created_at ?? attributes?.createdAt;
  const date =
    typeof days === 'number' && Number.isFinite(days)
      ? new Date(Date.now() - days * 86_400_000)
      : typeof created === 'string'
        ? new Date(created)
        : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date.toISOString() : null;
}
