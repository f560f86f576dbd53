/**
 * Issue 8: the embedded database's files were world-writable (mode 666). Now the data folder
 * is 0700, its files 0600, for a fresh folder and for one left behind with loose modes.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { tempDir } from './support/temp-dir.ts';

function looseEntries(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if ((statSync(path).mode & 0o077) !== 0) out.push(path);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe('the embedded database folder', () => {
  it('keeps every file private to its owner, fresh and after a start over loose modes', async () => {
    const dataDir = join(tempDir('murmur-modes-'), 'data');
    const config = loadConfig({ DATA_DIR: dataDir });
    const previousUmask = process.umask(0o000);
    try {
      let database = await openConfiguredDatabase(config);
      await database.raw.query('create table notes (body text)');
      await database.raw.query("insert into notes values ('private')");
      // While it runs, the folder itself shuts other users out of everything inside.
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(looseEntries(join(dataDir, 'pglite')).filter((p) => statSync(p).isDirectory())).toEqual([]);
      await database.close();
      const files = readdirSync(join(dataDir, 'pglite'), { recursive: true });
      expect(files.length).toBeGreaterThan(100);
      expect(looseEntries(dataDir)).toEqual([]);

      // Folders written by an older version are tightened at the next start.
      chmodSync(dataDir, 0o777);
      chmodSync(join(dataDir, 'pglite', 'PG_VERSION'), 0o666);
      database = await openConfiguredDatabase(config);
      await database.raw.query("insert into notes values ('more')");
      await database.close();
      expect(looseEntries(dataDir)).toEqual([]);
    } finally {
      process.umask(previousUmask);
    }
  }, 60_000);
});
