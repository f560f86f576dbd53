/**
 * Leaderboard latency on a 100k-account niche, server-side (the service call, no HTTP):
 * seeds synthetic scores into embedded PGlite and, when TEST_DATABASE_URL is set, into a
 * fresh PostgreSQL database, then prints p50/p95 per query shape.
 *
 *   npm run bench:leaderboard                       # PGlite only
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:leaderboard
 *   BENCH_ACCOUNTS=20000 BENCH_RUNS=30 npm run bench:leaderboard
 */
import { workspaces } from '../../server/db/schema/index.ts';
import { listInput } from '../../server/leaderboard/leaderboard.schemas.ts';
import { seedScoredNiche } from '../../server/leaderboard/leaderboard.seed.ts';
import { listLeaderboard } from '../../server/leaderboard/leaderboard.service.ts';
import { openTestDatabase, testDatabaseKinds } from '../../test/support/database.ts';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 40);

const shapes: [string, object][] = [
  ['rank, first page', { sort: 'rank', dir: 'asc', limit: 200 }],
  ['rank, offset 50k', { sort: 'rank', dir: 'asc', offset: 50_000, limit: 200 }],
  ['score asc', { sort: 'score', dir: 'asc', limit: 200 }],
  ['followers desc', { sort: 'followers', dir: 'desc', limit: 200 }],
  ['followers asc', { sort: 'followers', dir: 'asc', limit: 200 }],
  ['pagerank desc', { sort: 'pagerank', dir: 'desc', limit: 200 }],
  ['betweenness desc, offset 10k', { sort: 'betweenness', dir: 'desc', offset: 10_000, limit: 200 }],
  ['engagementRate desc', { sort: 'engagementRate', dir: 'desc', limit: 200 }],
  ['handle asc', { sort: 'handle', dir: 'asc', limit: 200 }],
  ['community 3', { community: 3, limit: 200 }],
  ['search "user123"', { search: 'user123', limit: 200 }],
  ['score ≥ 90, followers ≥ 1000', { ranges: { score: { min: 90 }, followers: { min: 1000 } }, limit: 200 }],
  ['nicheFollowers desc, community 1', { sort: 'nicheFollowers', dir: 'desc', community: 1, limit: 200 }],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

for (const kind of testDatabaseKinds) {
  const database = await openTestDatabase(kind);
  try {
    const [workspace] = await database.db.insert(workspaces).values({ name: 'Bench' }).returning();
    let started = performance.now();
    const { nicheId } = await seedScoredNiche(database.db, {
      workspaceId: workspace.id,
      mode: 'synthetic',
      accounts,
      seed: 42,
    });
    if (kind === 'postgres') await database.raw.query('analyze');
    console.log(`\n${kind}: seeded ${accounts} accounts in ${Math.round(performance.now() - started)} ms`);
    started = performance.now();
    await listLeaderboard(database.db, workspace.id, listInput.parse({ nicheId }));
    console.log(`first call (builds the snapshot index): ${Math.round(performance.now() - started)} ms`);
    // Wall-clock percentiles, and this process's CPU time per call (all of PGlite's work, only the
    // client's on PostgreSQL): on a shared, loaded machine the CPU column is the steadier one.
    console.log(
      `${'query'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p95 cpu'.padStart(9)} ${'rows'.padStart(6)} ${'total'.padStart(7)}`,
    );
    for (const [name, shape] of shapes) {
      const input = listInput.parse({ nicheId, ...shape });
      const times: number[] = [];
      const cpu: number[] = [];
      let last = { total: 0, rows: [] as unknown[] };
      for (let i = 0; i < runs + 3; i++) {
        started = performance.now();
        const used = process.cpuUsage();
        last = await listLeaderboard(database.db, workspace.id, input);
        const { user, system } = process.cpuUsage(used);
        if (i >= 3) {
          times.push(performance.now() - started);
          cpu.push((user + system) / 1000);
        }
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(36)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${percentile(times, 0.95).toFixed(1).padStart(8)} ${percentile(cpu, 0.95).toFixed(1).padStart(9)} ${String(last.rows.length).padStart(6)} ${String(last.total).padStart(7)}`,
      );
    }
  } finally {
    await database.close();
  }
}
