/** `murmur` reports a failure with the error's message and an exit code scripts can branch on. */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migratedDataDir } from './support/templates.ts';

const bin = fileURLToPath(new URL('../bin/murmur.js', import.meta.url));
// A migrated data folder: setting up an empty one is the README test's subject.
const dataDir = migratedDataDir('murmur-cli-errors-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function murmur(args: string[], stdin = '') {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

describe('murmur exit codes', () => {
  it('exits 3 for a niche that does not exist, 2 for a wrong command line, and documents both', {
    timeout: 300_000,
  }, async () => {
    const user = await murmur(
      ['user', 'create', '--email', 'cli@agency.test', '--password-stdin', '--workspace', 'CLI Co'],
      'a password from stdin\n',
    );
    expect(user.code).toBe(0);

    const missing = await murmur(['score', '--niche', 'missing']);
    expect(missing.stderr).toBe('murmur: No niche named "missing".\n');
    expect(missing.code).toBe(3);

    const noWorkspace = await murmur(['niches', '--workspace', 'Nowhere']);
    expect(noWorkspace.stderr).toContain('No workspace named "Nowhere"');
    expect(noWorkspace.code).toBe(2);

    const unknownOption = await murmur(['score', '--nich', 'typo']);
    expect(unknownOption.code).toBe(2);

    const help = await murmur(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 {2}not found[\s\S]*4 {2}conflict/);
  });
});
