/**
 * Imports whose job died (a crash, retries used up) are picked up when the server starts again,
 * and a niche left 'importing' with nothing behind it is failed with a message instead of
 * refusing every upload with 409 forever. (Issue 8.) The "restart" is what server/main.ts does:
 * recoverImports, then workers.
 */

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { niches, uploads } from '../server/db/schema/index.ts';
import { recoverImports } from '../server/imports/import.recover.ts';
import { allJobs } from '../server/jobs/all.ts';
import { startWorkers } from '../server/jobs/registry.ts';
import type { Caller } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';
import { migratedDataDir } from './support/templates.ts';
import { openWorld, type World } from './support/world.ts';

describe.each(testDatabaseKinds)('recovering imports on %s', (kind) => {
  let world: World;
  let marketer: Caller;
  let api: Api;

  beforeAll(async () => {
    world = await openWorld(kind, { workers: false, prefix: 'recover' });
    marketer = world.member;
    api = callerFor(world.database, marketer, { queue: world.queue });
  });
  afterAll(() => world?.close());

  const newFileNiche = async (name: string) => (await api.niches.create({ name, platform: 'file' })).id;
  const upload = (nicheId: string) => {
    const form = new FormData();
    form.append('edges', new Blob(['a,b\nb,c\n']), 'edges.csv');
    return world.app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: marketer.cookie!, 'x-murmur-client': 'test' },
      body: form,
    });
  };
  const status = (id: string) => api.niches.byId({ id });

  it('resumes a crashed import whose job is gone, and fails an orphaned niche', {
    timeout: 90_000,
  }, async () => {
    const crashed = await newFileNiche('Crashed');
    expect((await upload(crashed)).status).toBe(200);
    // The worker died mid-import and pg-boss used up the job's retries.
    await world.database.db
      .update(uploads)
      .set({ status: 'running', leaseUntil: new Date(Date.now() - 60_000), attempts: 1 })
      .where(eq(uploads.nicheId, crashed));
    await world.database.db.execute(sql`delete from pgboss.job where name = 'import-graph'`);
    // A niche whose upload failed but whose own status was never updated.
    const orphan = await newFileNiche('Orphan');
    expect((await upload(orphan)).status).toBe(200);
    await world.database.db.update(uploads).set({ status: 'failed' }).where(eq(uploads.nicheId, orphan));
    expect((await upload(orphan)).status).toBe(409);

    await recoverImports(world.database, world.queue);
    const config = loadConfig({ DATA_DIR: tempDir('murmur-recover-') });
    await startWorkers(
      { database: world.database, logger: pino({ level: 'silent' }), queue: world.queue, config },
      allJobs,
    );

    await expect
      .poll(async () => (await status(crashed)).status, { timeout: 60_000, interval: 200 })
      .toBe('ready');
    expect(await status(orphan)).toMatchObject({
      status: 'failed',
      lastError: 'The import was interrupted; upload the file again.',
    });
    expect((await upload(orphan)).status).toBe(200);
    await expect
      .poll(async () => (await status(orphan)).status, { timeout: 60_000, interval: 200 })
      .toBe('ready');
    const [row] = await world.database.db
      .select({ status: niches.status })
      .from(niches)
      .where(eq(niches.id, crashed));
    expect(row.status).toBe('ready');
  });
});

describe('murmur import', () => {
  const bin = fileURLToPath(new URL('../bin/murmur.js', import.meta.url));
  const dir = migratedDataDir('murmur-import-cli-');
  const run = (args: string[], stdin = '') =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' },
        stdio: 'pipe',
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdin.end(stdin);
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  it('refuses an empty file, as the upload route does', { timeout: 300_000 }, async () => {
    const user = await run(
      ['user', 'create', '--email', 'cli@import.test', '--password-stdin', '--workspace', 'Imp'],
      'a long password\n',
    );
    expect(user.code).toBe(0);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const result = await run(['import', empty, '--niche', 'Empty']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('empty.csv holds no edges.');
  });

  it("takes the web upload's road: an upload row that ends done, and a scored niche", {
    timeout: 120_000,
  }, async () => {
    const edges = join(dir, 'friends.csv');
    writeFileSync(edges, 'source,target\nann,bob\nbob,cy\ncy,ann\n');
    const result = await run(['import', edges, '--niche', 'Friends']);
    expect(result.stderr).toContain('Imported 3 accounts');
    expect(result.code).toBe(0);
    const database = await openConfiguredDatabase(loadConfig({ DATA_DIR: dir }));
    try {
      const rows = await database.db
        .select({ filename: uploads.filename, status: uploads.status, nicheStatus: niches.status })
        .from(uploads)
        .innerJoin(niches, eq(niches.id, uploads.nicheId))
        .where(eq(niches.name, 'Friends'));
      expect(rows).toEqual([{ filename: 'friends.csv', status: 'done', nicheStatus: 'ready' }]);
      // The empty file of the test above created no niche.
      const empty = await database.db.select().from(niches).where(eq(niches.name, 'Empty'));
      expect(empty).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
