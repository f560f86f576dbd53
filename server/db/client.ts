/**
 * The one place that knows how to reach the database. With a URL it speaks to a
 * PostgreSQL server through postgres.js; without one it opens embedded PGlite in a
 * data folder. Both are returned behind the same Drizzle type.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Raw SQL access for the few things Drizzle does not cover (job queue, bulk COPY). */
export type RawSql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
};

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  raw: RawSql;
  /** Present only on the embedded database. */
  pglite?: PGlite;
  /** Present only on PostgreSQL. */
  sql?: postgres.Sql;
  /** The connection URL, on PostgreSQL (for libraries that open their own pool, like pg-boss). */
  url?: string;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; when absent with no url, an in-memory database (tests). */
  dataDir?: string;
  /** Connections in the postgres.js pool. */
  max?: number;
  /** PGlite only: start from this dump (`pglite.dumpDataDir()`) instead of an empty cluster. */
  loadDataDir?: Blob;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: 'murmur' },
    });
    const db = drizzlePostgres(sql, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      sql,
      url: options.url,
      raw: {
        async query(text, params = []) {
          const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
          return { rows: [...rows] as never[] };
        },
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  return databaseOverPglite(pglite);
}

/** A Database over an open PGlite (`close` closes it). */
export function databaseOverPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    raw: {
      async query(text, params) {
        const result = await pglite.query(text, params as unknown[]);
        return { rows: result.rows as never[] };
      },
    },
    close: () => pglite.close(),
  };
}
