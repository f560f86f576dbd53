/**
 * Issue 13: `murmur plan` prints the plan table, the comparison and the guarantee, and refuses
 * bad input with the exit codes scripts branch on. In-process over the test database; one
 * spawn proves the command is wired into `murmur`.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../server/cli/cli-errors.ts';
import { planCommand } from '../server/cli/plan-command.ts';
import type { Database } from '../server/db/client.ts';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { migratedDataDir } from './support/templates.ts';

const bin = fileURLToPath(new URL('../bin/murmur.js', import.meta.url));

describe.each(testDatabaseKinds)('murmur plan on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const [w] = await database.db.insert(workspaces).values({ name: 'CLI Co' }).returning();
    await seedScoredNiche(database.db, { workspaceId: w.id, communitySize: 12, name: 'Vegan' });
  });
  afterAll(() => database?.close());

  async function plan(args: string[]) {
    let stdout = '';
    const stderr = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream;
    try {
      const code = await planCommand(args, {
        database,
        stdout: { write: (t: string) => (stdout += t) },
        stderr,
      });
      return { code, stdout };
    } catch (error) {
      return { code: exitCodeOf(error), stdout, message: (error as Error).message };
    }
  }

  it('prints the chosen accounts, the baselines at the same budget and the guarantee', {
    timeout: 60_000,
  }, async () => {
    const done = await plan(['--niche', 'vegan', '--budget', '2000', '--simulations', '200', '--seed', '3']);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Seeding plan for "Vegan": Weighted cascade/);
    expect(done.stdout).toMatch(/ {2}1 {2}@\S+ +[\d,]+ +[\d,.]+ EUR +\d+\.\d/);
    expect(done.stdout).toMatch(/This plan: +\d+\.\d accounts \(95% CI \d+\.\d–\d+\.\d, 200 simulations\)/);
    expect(done.stdout).toMatch(/Top by followers: +\d+\.\d accounts/);
    expect(done.stdout).toMatch(/Top by Murmur score: +\d+\.\d accounts/);
    expect(done.stdout).toMatch(/\nGuarantee: .{20,}\n$/);

    const uniform = await plan([
      '--niche',
      'Vegan',
      '--k',
      '2',
      '--model',
      'uniform:0.1',
      '--epsilon',
      '0.2',
      '--simulations',
      '100',
    ]);
    expect(uniform.code).toBe(0);
    expect(uniform.stdout).toMatch(/Uniform cascade: every follow passes a post on with p = 0\.1/);
  });

  it('exits 2 for bad input and 3 for a niche that does not exist', async () => {
    expect(await plan(['--niche', 'Vegan', '--budget', '-5'])).toMatchObject({ code: 2 });
    expect(await plan(['--niche', 'Vegan', '--budget=-5'])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/budget must be more than zero/),
    });
    expect(await plan(['--niche', 'Vegan', '--budget', '1'])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/below every eligible account's fee \(the cheapest is 50\.00 EUR\)/),
    });
    expect(await plan(['--niche', 'Vegan', '--budget', '100', '--eligible', 'shortlist'])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/No account on the shortlist can be planned/),
    });
    expect(await plan(['--niche', 'Vegan', '--k', '3', '--model', 'learned'])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/No measured campaigns/),
    });
    expect(await plan(['--niche', 'Vegan'])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/either --budget/),
    });
    expect(await plan(['--niche', 'Nowhere', '--k', '3'])).toMatchObject({ code: 3 });
  });
});

describe('the murmur command', () => {
  const dataDir = migratedDataDir('murmur-plan-cli-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const murmur = (args: string[]) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    return new Promise<{ code: number | null; out: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, out })),
    );
  };

  it('knows `plan` and explains it', { timeout: 60_000 }, async () => {
    const help = await murmur(['help', 'plan']);
    expect(help).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^murmur plan --niche NAME \(--budget AMOUNT \| --k N\)/),
    });
    const missing = await murmur(['plan', '--k', '3']);
    expect(missing).toMatchObject({ code: 2, out: expect.stringMatching(/--niche NAME is required/) });
  });
});
