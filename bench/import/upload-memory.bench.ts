/**
 * Peak memory (RSS, sampled every 50 ms) of uploading and importing a generated edge list through
 * the real route and job: POST /api/niches/:id/import, then the import job in its worker thread.
 * One database and one size per process, so each peak is its own:
 *
 *   npm run bench:import            (50 MB and 200 MB on PGlite and PostgreSQL)
 *   BENCH_MB=50 BENCH_DATABASE=pglite tsx bench/import/upload-memory.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { niches } from '../../server/db/schema/index.ts';
import { allJobs } from '../../server/jobs/all.ts';
import { startQueue } from '../../server/jobs/queue.ts';
import { startWorkers } from '../../server/jobs/registry.ts';
import { createTestApp, userInWorkspace } from '../../test/support/app.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function generate(file: string, megabytes: number) {
  // Random follows among 2M accounts: ~16 bytes a line, so 200 MB is ~13M edges.
  const out = createWriteStream(file);
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % 2_000_000;
  };
  out.write('follower,followed\n');
  let written = 0;
  while (written < megabytes * 1_000_000) {
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) lines.push(`${next()},${next()}\n`);
    const text = lines.join('');
    written += text.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function one(kind: 'pglite' | 'postgres', megabytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-import-'));
  const file = join(dir, 'edges.csv');
  await generate(file, megabytes);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const name = `murmur_bench_import_${Date.now()}`;
  const admin = kind === 'postgres' ? postgres(adminUrl, { max: 1, onnotice: () => {} }) : undefined;
  let url: string | undefined;
  if (admin) {
    await admin.unsafe(`create database ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const database = await openDatabase({ url, dataDir: kind === 'pglite' ? join(dir, 'pglite') : undefined });
  const logger = pino({ level: 'silent' });
  const started = performance.now();
  try {
    await migrate(database);
    const queue = await startQueue(database, logger, allJobs);
    await startWorkers({ database, logger, queue, config: loadConfig({ DATA_DIR: dir }) }, allJobs);
    const app = createTestApp(database, { queue });
    const user = await userInWorkspace(app, database, { email: 'bench@agency.test', workspace: 'Bench' });
    const created = await app.request('/trpc/niches.create', {
      method: 'POST',
      headers: { cookie: user.cookie!, 'content-type': 'application/json', 'x-murmur-client': 'bench' },
      body: JSON.stringify({ name: 'bench', platform: 'file' }),
    });
    const nicheId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
    const form = new FormData();
    form.append('edges', await openAsBlob(file), 'edges.csv');
    const response = await app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: user.cookie!, 'x-murmur-client': 'bench' },
      body: form,
    });
    if (response.status !== 200) throw new Error(`upload: ${response.status} ${await response.text()}`);
    const uploaded = performance.now();
    for (;;) {
      const [niche] = await database.db
        .select({ status: niches.status, lastError: niches.lastError })
        .from(niches)
        .where(eq(niches.id, nicheId));
      if (niche.status === 'failed') throw new Error(`import failed: ${niche.lastError}`);
      if (niche.status !== 'importing') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const done = performance.now();
    await queue.stop();
    return {
      database: kind,
      'file MB': Math.round(statSync(file).size / 1e6),
      'upload s': ((uploaded - started) / 1000).toFixed(1),
      'import s': ((done - uploaded) / 1000).toFixed(1),
      'peak RSS MB': Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await database.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_MB) {
  const result = await one(
    process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite',
    Number(process.env.BENCH_MB),
  );
  console.log(JSON.stringify(result));
} else {
  const self = fileURLToPath(import.meta.url);
  const results: unknown[] = [];
  for (const megabytes of (process.env.BENCH_SIZES ?? '50,200').split(',')) {
    for (const kind of (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',')) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', self], {
        env: { ...process.env, BENCH_MB: megabytes, BENCH_DATABASE: kind },
        encoding: 'utf8',
      });
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      results.push(
        line.startsWith('{')
          ? JSON.parse(line)
          : { database: kind, 'file MB': megabytes, error: run.stderr.slice(-300) },
      );
    }
  }
  console.table(results);
}
