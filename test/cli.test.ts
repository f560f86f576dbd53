import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migratedDataDir } from './support/templates.ts';

const bin = fileURLToPath(new URL('../bin/murmur.js', import.meta.url));
// A migrated data folder: setting up an empty one is the README test's subject.
const dataDir = migratedDataDir('murmur-cli-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function murmur(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(options.stdin ?? '');
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the murmur command', () => {
  // Each command is a process opening the embedded database, as a user runs it; `migrate` on its
  // own runs in test/readme-commands.test.ts. Only the limit is generous, for loaded machines.
  it('creates a user from stdin, serves and stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const create = murmur(
      ['user', 'create', '--email', 'cli@agency.test', '--password-stdin', '--workspace', 'CLI Co'],
      {
        stdin: 'a password from stdin\n',
      },
    );
    expect(await create.exited).toBe(0);
    expect(create.output().stdout).toContain('Created user cli@agency.test in workspace "CLI Co".');

    const duplicate = murmur(['user', 'create', '--email', 'cli@agency.test', '--password-stdin'], {
      stdin: 'another password\n',
    });
    expect(await duplicate.exited).toBe(1);
    expect(duplicate.output().stderr).toContain('already exists');

    const serve = murmur(['serve'], { env: { PORT: '0' } });
    // Wait for the announcement, or fail with what the process said if it exits first.
    const url = await new Promise<string>((resolve, reject) => {
      serve.exited.then(() => reject(new Error(`serve exited: ${JSON.stringify(serve.output())}`)));
      serve.child.stderr.on('data', () => {
        const match = serve.output().stderr.match(/running at (http:\/\/\S+)/);
        if (match) resolve(match[1]);
      });
    });
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, database: 'pglite' });

    const signIn = await fetch(`${url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-murmur-client': 'test' },
      body: JSON.stringify({ email: 'cli@agency.test', password: 'a password from stdin' }),
    });
    expect(signIn.status).toBe(200);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    // The secret never reaches the logs.
    expect(serve.output().stdout + serve.output().stderr).not.toContain('a password from stdin');
  });

  it('refuses a bad configuration with a message naming the variable', async () => {
    const bad = murmur(['migrate'], { env: { PORT: 'eighty', DATABASE_URL: 'mysql://x' } });
    expect(await bad.exited).toBe(1);
    expect(bad.output().stderr).toContain('PORT');
    expect(bad.output().stderr).toContain('DATABASE_URL: must start with postgres://');
  });

  it('prints usage for an unknown command', async () => {
    const unknown = murmur(['frobnicate']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output().stderr).toContain('unknown command "frobnicate"');
  });
});
