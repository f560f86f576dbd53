/**
 * Edges stored per second when importing a 3M-edge CSV file into a niche, on PostgreSQL
 * (BENCH_DATABASE_URL, default the local server) and on PGlite (BENCH_DATABASES=postgres,pglite;
 * BENCH_EDGES=3000000). Prints a table.
 *
 *   npm run bench:crawl   (runs this and crawl-rate.bench.ts)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { scaleFreeDigraph, seededRng } from '../../graph/index.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { niches, workspaces } from '../../server/db/schema/index.ts';
import { writeImportedGraph } from '../../server/imports/import.service.ts';
import { fileChunkReader, parseUploadStream } from '../../server/imports/parse-upload.ts';

const edgesWanted = Number(process.env.BENCH_EDGES ?? 3_000_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-'));
const file = join(dir, 'edges.csv');
const g = scaleFreeDigraph({ nodes: Math.round(edgesWanted / 10), edges: edgesWanted, rng: seededRng(7) });
const lines = ['follower,followed'];
for (let i = 0; i < g.sources.length; i++) lines.push(`${g.sources[i]},${g.targets[i]}`);
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(
  `Generated ${g.sources.length.toLocaleString()} edges among ${g.nodeCount.toLocaleString()} accounts.`,
);

const results: Record<string, string | number>[] = [];
async function run(kind: 'postgres' | 'pglite') {
  const name = `murmur_bench_${Date.now()}`;
  const admin = kind === 'postgres' ? postgres(adminUrl, { max: 1, onnotice: () => {} }) : undefined;
  let url: string | undefined;
  if (admin) {
    await admin.unsafe(`create database ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const database = await openDatabase({ url, dataDir: kind === 'pglite' ? join(dir, 'pglite') : undefined });
  try {
    await migrate(database);
    const [w] = await database.db.insert(workspaces).values({ name: 'bench' }).returning();
    const [n] = await database.db
      .insert(niches)
      .values({
        workspaceId: w.id,
        name: 'bench',
        platform: 'file',
        budget: { maxRequests: 1, maxAccounts: 1, maxMinutes: 1 },
      })
      .returning();
    const t0 = performance.now();
    const { graph } = await parseUploadStream(
      { filename: 'edges.csv', format: 'csv', options: {}, hasAccounts: false },
      fileChunkReader({ edges: file }),
    );
    const t1 = performance.now();
    let accountsDone = 0;
    const result = await writeImportedGraph(database.db, n.id, graph, () => {
      accountsDone = performance.now();
    });
    const t2 = performance.now();
    const edgeSeconds = (t2 - (accountsDone || t1)) / 1000;
    results.push({
      database: kind,
      edges: result.edges,
      'parse s': ((t1 - t0) / 1000).toFixed(1),
      'accounts s': (((accountsDone || t1) - t1) / 1000).toFixed(1),
      'edges s': edgeSeconds.toFixed(1),
      'edges/s (edge phase)': Math.round(result.edges / edgeSeconds),
      'edges/s (whole import)': Math.round(result.edges / ((t2 - t0) / 1000)),
    });
  } finally {
    await database.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

const which = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
try {
  if (which.includes('postgres')) await run('postgres');
  if (which.includes('pglite')) await run('pglite');
  console.table(results);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
