/**
 * The crawl survives its server: start `murmur serve` on PostgreSQL, start a crawl, kill the
 * process with SIGKILL mid-crawl, start it again, and the crawl finishes with nothing lost and
 * nothing twice. (PostgreSQL only: killing an embedded database's process is a different story.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserFromCli } from '../server/cli/user-create.ts';
import type { Database } from '../server/db/client.ts';
import { rows } from '../server/niches/niche-store.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { missingDatasetMessage, readDatasetEdges } from './fakes/datasets.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { openTestDatabase } from './support/database.ts';

const edges = readDatasetEdges('twitch-ru');
const reason = !process.env.TEST_DATABASE_URL
  ? 'needs TEST_DATABASE_URL (a PostgreSQL server)'
  : !edges
    ? missingDatasetMessage('twitch-ru')
    : undefined;
if (reason) console.warn(`[crawl restart test skipped] ${reason}`);

const bin = fileURLToPath(new URL('../bin/murmur.js', import.meta.url));

describe.skipIf(!!reason)('a crawl across a killed server', () => {
  let database: Database;
  let server: FakeBluesky;
  let murmur: ChildProcess | undefined;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    server = await startFakeBluesky({
      graph: buildFakeGraph({ edges: edges!, mutual: true }),
      rateLimit: null,
    });
    await createUserFromCli(database.db, {
      email: 'k@agency.test',
      password: 'long enough password',
      workspace: 'Agency',
    });
  });
  afterAll(async () => {
    murmur?.kill('SIGKILL');
    await server?.close();
    await database?.close();
  });

  function start(): Promise<string> {
    murmur = spawn(process.execPath, [bin, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: '0',
        SESSION_SECRET: 'restart-test-secret-that-is-long-enough',
        BLUESKY_APPVIEW_URL: server.url,
        // The killed process's claim on the crawl runs out 3 s after its last page, not 15.
        CRAWL_LEASE_SECONDS: '3',
        LOG_LEVEL: 'warn',
      },
      stdio: 'pipe',
    });
    let output = '';
    return new Promise((resolve, reject) => {
      // No start-up deadline (a loaded machine is slow): fail with the output if it exits instead.
      murmur!.once('exit', (code) => reject(new Error(`murmur exited (${code}) before starting: ${output}`)));
      const onData = (d: Buffer) => {
        output += d;
        const match = output.match(/running at (http:\/\/\S+)/);
        if (match) resolve(match[1]);
      };
      murmur!.stderr!.on('data', onData);
      murmur!.stdout!.on('data', onData);
    });
  }

  const run = async () =>
    (
      await rows<{ status: string; requests: number; accounts: number; edges: number; niche_id: string }>(
        database.db,
        sql`select status, requests, accounts, edges, niche_id from crawl_runs limit 1`,
      )
    )[0];

  it('resumes from the last saved page after SIGKILL', { timeout: 240_000 }, async () => {
    let url = await start();
    const signIn = await fetch(`${url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-murmur-client': 'test' },
      body: JSON.stringify({ email: 'k@agency.test', password: 'long enough password' }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const seedIndex = server.graph.followers.findIndex((f) => f.length >= 150 && f.length <= 250);
    const created = await fetch(`${url}/trpc/niches.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-murmur-client': 'test', cookie },
      body: JSON.stringify({
        name: 'Survivor',
        platform: 'bluesky',
        seeds: [server.handle(seedIndex)],
        budget: { maxRequests: 120, maxAccounts: 100_000, maxMinutes: 30 },
        start: true,
      }),
    });
    expect(created.status).toBe(200);

    await expect
      .poll(async () => (await run())?.requests ?? 0, { timeout: 60_000, interval: 100 })
      .toBeGreaterThan(15);
    murmur!.kill('SIGKILL');
    await new Promise((r) => murmur!.once('exit', r));
    const atKill = await run();
    expect(atKill.status).toBe('running');

    url = await start();
    await expect.poll(async () => (await run()).status, { timeout: 120_000, interval: 500 }).toBe('done');
    const done = await run();
    expect(done.requests).toBeGreaterThan(atKill.requests);
    expect(done.requests).toBeLessThanOrEqual(120 + 5);

    const [counts] = await rows<{ accounts: number; edges: number; distinct_edges: number }>(
      database.db,
      sql`select (select count(*)::int from niche_accounts where niche_id = ${done.niche_id}) as accounts,
                 (select count(*)::int from niche_edges where niche_id = ${done.niche_id}) as edges,
                 (select count(distinct (follower_id, followed_id))::int from niche_edges where niche_id = ${done.niche_id}) as distinct_edges`,
    );
    // Counters add up to what is stored, and nothing is stored twice.
    expect(done.accounts).toBe(counts.accounts);
    expect(done.edges).toBe(counts.edges);
    expect(counts.distinct_edges).toBe(counts.edges);
    // No page lost: every follower of the seed is there.
    const into = await rows<{ f: string }>(
      database.db,
      sql`select f.platform_id as f from niche_edges e join niche_accounts f on f.id = e.follower_id
          join niche_accounts t on t.id = e.followed_id where e.niche_id = ${done.niche_id} and t.platform_id = ${server.did(seedIndex)}`,
    );
    expect(into.map((r) => r.f).sort()).toEqual(
      server.graph.followers[seedIndex].map((i) => server.did(i)).sort(),
    );
  });
});
