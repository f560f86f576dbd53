/**
 * Test databases: always PGlite (in memory), and also PostgreSQL when TEST_DATABASE_URL is set.
 * Each call makes a fresh database with every migration applied (a copy of the migrated template
 * made by the global setup, see templates.ts); `close` drops it.
 */
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { type Database, databaseOverPglite, openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { pgliteDump, postgresTemplateName } from './templates.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export async function openTestDatabase(kind: TestDatabaseKind): Promise<Database> {
  if (kind === 'pglite') return openPooledPglite();
  const created = await createPostgresDatabase();
  const database = await openDatabase({ url: created.url, max: 5 });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A new, migrated PostgreSQL database on the test server, for a test that hands its URL to a
 * `murmur` process (or an empty one, for a test of the migrations); `drop` removes it.
 */
export async function createPostgresDatabase(prefix = 'murmur_test', options: { empty?: boolean } = {}) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(
    `create database ${name} template ${options.empty ? 'template0' : postgresTemplateName}`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Embedded databases are kept for the next test file in this worker: starting one costs about a
 * second of CPU even from the dump, resetting one a few milliseconds. A test gets its own handle,
 * revoked at close, so anything it left running (a queue, a timer) fails there as it would on a
 * closed database instead of reaching the next test's data. A database that cannot be reset is
 * closed, not reused.
 */
const idle: PGlite[] = [];

async function openPooledPglite(): Promise<Database> {
  let pglite = idle.pop();
  if (!pglite) {
    // Starts from the migrated template; `migrate` then finds nothing to do, as on any restart.
    const fresh = await openDatabase({ loadDataDir: pgliteDump() });
    await migrate(fresh);
    pglite = fresh.pglite!;
    shapes.set(pglite, await shapeOf(pglite));
  }
  const handle = revocable(pglite);
  const database = databaseOverPglite(handle.proxy);
  return {
    ...database,
    async close() {
      handle.revoke();
      try {
        await resetPglite(pglite);
        idle.push(pglite);
      } catch {
        await pglite.close();
      }
    },
  };
}

function revocable(pglite: PGlite) {
  let open = true;
  const proxy = new Proxy(pglite, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!open) throw new Error('PGlite is closed');
        return value.apply(target, args);
      };
    },
  });
  return { proxy, revoke: () => (open = false) };
}

/** What a test could add to the schema (tables, functions, triggers, types, schemas). */
const shapeQuery = `select
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema', 'pgboss') and n.nspname not like 'pg_toast%') as relations,
  (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname not in ('pg_catalog', 'information_schema', 'pgboss')) as functions,
  (select count(*) from pg_trigger where not tgisinternal) as triggers,
  (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname not in ('pg_catalog', 'information_schema', 'pgboss') and n.nspname not like 'pg_toast%') as types,
  (select count(*) from pg_namespace) as schemas`;
const shapes = new WeakMap<PGlite, string>();
const shapeOf = async (pglite: PGlite) => JSON.stringify((await pglite.query(shapeQuery)).rows[0]);

/**
 * Back to the migrated template: no job queue, empty tables, a clean session. A database whose
 * schema a test changed (a trigger, a table) is not reset but closed.
 */
async function resetPglite(pglite: PGlite) {
  if (pglite.closed) throw new Error('closed by the test');
  await pglite.exec(`
    drop schema if exists pgboss cascade;
    do $$ declare t text; begin
      select string_agg(format('%I.%I', schemaname, tablename), ', ') into t
        from pg_tables where schemaname = 'public';
      if t is not null then execute 'truncate ' || t || ' restart identity cascade'; end if;
    end $$;
  `);
  await pglite.exec('discard all');
  const shape = await shapeOf(pglite);
  if (!shapes.has(pglite)) throw new Error('no recorded shape');
  if (shapes.get(pglite) !== shape) throw new Error('the schema was changed by the test');
}
