import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { projectRoot } from '../lib/project-root.ts';
import type { Database } from './client.ts';

export const migrationsFolder = join(projectRoot(), 'migrations');

/** Applies every migration in `migrations/` that has not run yet. Safe to call at every start. */
export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder };
  if (database.kind === 'pglite' || !database.sql) {
    await migratePglite(database.db as never, config);
    return;
  }
  // Several processes (servers, workers) may start at once against one server: take turns.
  const lock = await database.sql.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(database.db as never, config);
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    lock.release();
  }
}

const MIGRATION_LOCK = 74_917_301;
