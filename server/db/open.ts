import { join } from 'node:path';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { makePrivate } from './private-files.ts';

/** Where the embedded database lives inside a data folder. */
export const pgliteFolder = (dataDir: string) => join(dataDir, 'pglite');

/** Opens the configured database (PostgreSQL, or PGlite in the data folder) and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openDatabase({ url: config.databaseUrl });
    await migrate(database);
    return database;
  }
  makePrivate(config.dataDir);
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: pgliteFolder(config.dataDir) });
    await migrate(database);
    makePrivate(config.dataDir);
    const close = database.close;
    return {
      ...database,
      close: () =>
        close().finally(() => {
          unlock();
          makePrivate(config.dataDir);
        }),
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
