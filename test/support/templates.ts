/**
 * Migrated database templates, made once per set of migrations by the global setup so each test
 * starts from a copy instead of paying for an empty cluster and every migration again:
 * - an embedded-database dump (tests that open PGlite in memory load it),
 * - an embedded data folder (tests that run the `murmur` command copy it),
 * - a PostgreSQL template database (tests on the server `create database … template` it).
 * The name carries a hash of the migrations and the PGlite version, so a changed migration makes
 * new templates and a stale one is never used. Tests of a truly empty installation (the README's
 * first command, `migrate`) still start from nothing.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../server/db/client.ts';
import { migrate, migrationsFolder } from '../../server/db/migrate.ts';
import { pgliteFolder } from '../../server/db/open.ts';
import { projectRoot } from '../../server/lib/project-root.ts';
import { tempDir } from './temp-dir.ts';

const root = projectRoot(import.meta.url);
const cacheFolder = join(root, 'node_modules', '.cache', 'murmur-test');

function fingerprint(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  );
  hash.update(`pglite ${pglite.version}\n`);
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)],
      )
      .sort();
  for (const file of files(migrationsFolder))
    hash.update(file.slice(migrationsFolder.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const id = fingerprint();
const dumpFile = join(cacheFolder, `pglite-${id}.tar`);
const dataFolder = join(cacheFolder, `pglite-${id}-data`);
export const postgresTemplateName = `murmur_template_${id}`;

/** Makes whichever templates are missing; runs once, in the global setup. */
export async function ensureTemplates(): Promise<void> {
  mkdirSync(cacheFolder, { recursive: true });
  if (!existsSync(dumpFile)) {
    const database = await openDatabase({});
    await migrate(database);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    const partial = `${dumpFile}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, dumpFile);
  }
  if (!existsSync(dataFolder)) {
    const partial = `${dataFolder}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    const database = await openDatabase({ dataDir: partial, loadDataDir: pgliteDump() });
    await database.close();
    renameSync(partial, dataFolder);
  }
  removeStaleFiles();
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) await ensurePostgresTemplate(adminUrl);
}

/** Templates of earlier migrations are never used again: one per migration change piled up. */
function removeStaleFiles() {
  for (const name of readdirSync(cacheFolder)) {
    const stale = /^pglite-([0-9a-f]{16})(-data|\.tar)$/.exec(name);
    if (stale && stale[1] !== id) rmSync(join(cacheFolder, name), { recursive: true, force: true });
  }
}

/** Drops earlier migrations' template databases; one still in use (an older checkout's run) stays. */
async function dropStalePostgresTemplates(admin: postgres.Sql) {
  const stale = await admin<{ name: string }[]>`
    select datname as name from pg_database
    where datname like 'murmur\_template\_%' and datname <> ${postgresTemplateName}
      and datname not like '%\_partial'`;
  for (const { name } of stale) {
    if (!/^murmur_template_[0-9a-f]{16}$/.test(name)) continue;
    await admin.unsafe(`drop database if exists ${name}`).catch(() => undefined);
  }
}

async function ensurePostgresTemplate(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await dropStalePostgresTemplates(admin);
    const found = await admin`select 1 from pg_database where datname = ${postgresTemplateName}`;
    if (found.length) return;
    const partial = `${postgresTemplateName}_partial`;
    await admin.unsafe(`drop database if exists ${partial} with (force)`);
    await admin.unsafe(`create database ${partial}`);
    const url = new URL(adminUrl);
    url.pathname = `/${partial}`;
    const database = await openDatabase({ url: url.toString(), max: 2 });
    await migrate(database);
    await database.close();
    await admin.unsafe(`alter database ${partial} rename to ${postgresTemplateName}`);
  } finally {
    await admin.end();
  }
}

let dump: Blob | undefined;

/** The migrated embedded database, as a dump to load (read once per test process). */
export function pgliteDump(): Blob {
  dump ??= new Blob([readFileSync(dumpFile)]);
  return dump;
}

/**
 * A new data folder holding a migrated embedded database, for tests that run `murmur` or a
 * server. Outside the test run (a benchmark), where no template was made, the folder starts empty
 * and Murmur migrates it on open.
 */
export function migratedDataDir(prefix = 'murmur-test-'): string {
  const folder = tempDir(prefix);
  if (existsSync(dataFolder)) cpSync(dataFolder, pgliteFolder(folder), { recursive: true });
  return folder;
}
