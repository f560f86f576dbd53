/**
 * Test databases: always PGlite (in memory), and also PostgreSQL when TEST_DATABASE_URL is set.
 * Each call makes a fresh database with every migration applied (a copy of the migrated template
 * made by the global setup, see templates.ts); `close` drops it.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { pgliteDump, postgresTemplateName } from './templates.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export async function openTestDatabase(kind: TestDatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    // Starts from the migrated template; `migrate` then finds nothing to do, as on any restart.
    const database = await openDatabase({ loadDataDir: pgliteDump() });
    await migrate(database);
    return database;
  }
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
 * `murmur` process; `drop` removes it.
 */
export async function createPostgresDatabase(prefix = 'murmur_test') {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${postgresTemplateName}`);
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
