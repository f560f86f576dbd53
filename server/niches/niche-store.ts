/**
 * Bulk writes of a niche's accounts and edges. Both are idempotent: an account is keyed by
 * (niche, platform id) and updated in place; an edge is inserted once. Callers pass the
 * transaction that also records the crawl cursor, so a page is saved whole or not at all.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

export type AccountInput = {
  platformId: string;
  handle: string;
  nativeId?: string | null;
  displayName?: string | null;
  description?: string | null;
  avatarUrl?: string | null;
  url?: string | null;
  followersCount?: number | null;
  followsCount?: number | null;
  postsCount?: number | null;
  accountCreatedAt?: string | null;
  hiddenCollections?: boolean;
  isSeed?: boolean;
  isAudience?: boolean;
  profileFetched?: boolean;
  attributes?: Record<string, string | number | boolean | null> | null;
};

/** Runs raw SQL on either driver and returns its rows. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * An array parameter as a PostgreSQL array literal (cast it in SQL: `${arrayParam(xs)}::int[]`).
 * Both drivers then send plain text, whatever the element type; null becomes NULL.
 */
export function arrayParam(values: readonly unknown[]) {
  const items = values.map((v) => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'NULL';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
  });
  return sql.param(`{${items.join(',')}}`);
}

const batchSize = 5000;

/**
 * Inserts or refreshes accounts; returns platform id → niche account id, and how many were new.
 * Flags only ever turn on (a seed stays a seed); known values are not overwritten by unknown ones.
 */
export async function upsertAccounts(
  db: Db,
  nicheId: string,
  accounts: AccountInput[],
): Promise<{ ids: Map<string, number>; inserted: number }> {
  const unique = new Map<string, AccountInput>();
  for (const a of accounts)
    unique.set(a.platformId, { ...unique.get(a.platformId), ...stripUndefined(a) } as AccountInput);
  const ids = new Map<string, number>();
  let inserted = 0;
  const list = [...unique.values()];
  for (let i = 0; i < list.length; i += batchSize) {
    const batch = list.slice(i, i + batchSize);
    const col = <K extends keyof AccountInput>(key: K) => arrayParam(batch.map((a) => a[key] ?? null));
    const result = await rows<{ id: string | number; platform_id: string; inserted: boolean }>(
      db,
      sql`insert into niche_accounts as a (niche_id, platform_id, handle, native_id, display_name, description, avatar_url, url,
            followers_count, follows_count, posts_count, account_created_at, hidden_collections, is_seed, is_audience,
            profile_fetched, attributes)
          select ${nicheId}::uuid, t.* from unnest(
            ${col('platformId')}::text[], ${col('handle')}::text[], ${col('nativeId')}::text[], ${col('displayName')}::text[],
            ${col('description')}::text[], ${col('avatarUrl')}::text[], ${col('url')}::text[], ${col('followersCount')}::int[],
            ${col('followsCount')}::int[], ${col('postsCount')}::int[], ${col('accountCreatedAt')}::timestamptz[],
            ${arrayParam(batch.map((a) => a.hiddenCollections ?? false))}::bool[],
            ${arrayParam(batch.map((a) => a.isSeed ?? false))}::bool[],
            ${arrayParam(batch.map((a) => a.isAudience ?? false))}::bool[],
            ${arrayParam(batch.map((a) => a.profileFetched ?? false))}::bool[],
            ${arrayParam(batch.map((a) => (a.attributes ? JSON.stringify(a.attributes) : null)))}::jsonb[]
          ) as t
          on conflict (niche_id, platform_id) do update set
            handle = excluded.handle,
            native_id = coalesce(excluded.native_id, a.native_id),
            display_name = coalesce(excluded.display_name, a.display_name),
            description = coalesce(excluded.description, a.description),
            avatar_url = coalesce(excluded.avatar_url, a.avatar_url),
            url = coalesce(excluded.url, a.url),
            followers_count = coalesce(excluded.followers_count, a.followers_count),
            follows_count = coalesce(excluded.follows_count, a.follows_count),
            posts_count = coalesce(excluded.posts_count, a.posts_count),
            account_created_at = coalesce(excluded.account_created_at, a.account_created_at),
            hidden_collections = a.hidden_collections or excluded.hidden_collections,
            is_seed = a.is_seed or excluded.is_seed,
            is_audience = a.is_audience or excluded.is_audience,
            profile_fetched = a.profile_fetched or excluded.profile_fetched,
            attributes = coalesce(excluded.attributes, a.attributes)
          returning id, platform_id, (xmax = 0) as inserted`,
    );
    for (const r of result) {
      ids.set(r.platform_id, Number(r.id));
      if (r.inserted) inserted++;
    }
  }
  return { ids, inserted };
}

/** Inserts follow edges once; returns how many were new. */
export async function insertEdges(
  db: Db,
  nicheId: string,
  followers: number[],
  followed: number[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < followers.length; i += batchSize * 4) {
    const result = await rows<{ n: string | number }>(
      db,
      sql`with new as (
            insert into niche_edges (niche_id, follower_id, followed_id)
            select ${nicheId}::uuid, f, t from unnest(
              ${arrayParam(followers.slice(i, i + batchSize * 4))}::bigint[],
              ${arrayParam(followed.slice(i, i + batchSize * 4))}::bigint[]) as e(f, t)
            where f <> t
            on conflict do nothing
            returning 1)
          select count(*) as n from new`,
    );
    inserted += Number(result[0]?.n ?? 0);
  }
  return inserted;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type RawClient = {
  /** postgres.js (a transaction's client): COPY through a writable stream. */
  unsafe?: (query: string) => { writable(): Promise<NodeJS.WritableStream> };
  /** PGlite (a transaction): COPY from a blob. */
  query?: (query: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
};

/** The driver's own client under a Drizzle transaction, for COPY, which Drizzle does not speak. */
function rawClientOf(tx: Db): RawClient | undefined {
  return (tx as unknown as { session?: { client?: RawClient } }).session?.client;
}

/**
 * Bulk-loads follow edges into a niche that has none yet, inside the caller's transaction.
 * Edges come as local node indices (`from[i]` follows `to[i]`, below `nodeCount`) with `idOf`
 * mapping them to account ids; they are sorted and deduplicated here (sorted keys keep the index
 * build sequential), self-loops dropped, then COPYed. Returns how many edges were stored.
 */
export async function copyEdgesIntoEmptyNiche(
  tx: Db,
  nicheId: string,
  edges: { length: number; from: ArrayLike<number>; to: ArrayLike<number> },
  idOf: ArrayLike<number>,
) {
  const base = idOf.length;
  const keys = new Float64Array(edges.length);
  let n = 0;
  // Keyed followed-first, like the primary key, so COPY appends to the index in order.
  for (let i = 0; i < edges.length; i++) {
    if (edges.from[i] !== edges.to[i]) keys[n++] = edges.to[i] * base + edges.from[i];
  }
  const sorted = keys.subarray(0, n).sort();
  let count = 0;
  // Lines are made a slice at a time and never all held at once: one text line per edge would
  // cost ~60 bytes each, the bulk of an import's peak memory on a large file.
  function* chunks(linesPerChunk: number) {
    let lines: string[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) continue;
      const followed = Math.floor(sorted[i] / base);
      lines.push(`${nicheId}\t${idOf[sorted[i] - followed * base]}\t${idOf[followed]}\n`);
      count++;
      if (lines.length === linesPerChunk) {
        yield lines.join('');
        lines = [];
      }
    }
    if (lines.length > 0) yield lines.join('');
  }
  const client = rawClientOf(tx);
  const copy = 'copy niche_edges (niche_id, follower_id, followed_id) from stdin';
  if (client?.unsafe) {
    const stream = await client.unsafe(copy).writable();
    for (const text of chunks(50_000)) {
      if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('finish', resolve);
      stream.end();
    });
  } else if (client?.query) {
    // PGlite copies from one blob per statement: several bounded COPYs in the same transaction.
    const pglite = client as Required<Pick<RawClient, 'query'>>;
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      if (parts.length === 0) return;
      await pglite.query(`copy niche_edges (niche_id, follower_id, followed_id) from '/dev/blob'`, [], {
        blob: new Blob(parts),
      });
      parts = [];
      size = 0;
    };
    for (const text of chunks(50_000)) {
      parts.push(text);
      size += text.length;
      if (size >= 32_000_000) await flush();
    }
    await flush();
  } else {
    throw new Error('niches/niche-store: no COPY-capable client under this transaction');
  }
  return count;
}
