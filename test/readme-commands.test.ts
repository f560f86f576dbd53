/**
 * The README's command-line and API examples, run as written on a fresh data folder: a newcomer
 * copies them, so they must work verbatim. Only the address of the server and the secrets come
 * from the test.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../server/lib/project-root.ts';
import { createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

const root = projectRoot(import.meta.url);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every command in the README's ```sh blocks, continuation lines joined. */
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1].replace(/\\\n\s*/g, '').split('\n'))
  .map((line) => line.trim())
  .filter(Boolean);

// What the test cannot run as written, and why; everything else with `npx murmur` runs.
const notRunHere: [RegExp, string][] = [
  [/murmur (serve|worker)\b/, 'runs until stopped: test/cli.test.ts starts and stops `serve`'],
  [/murmur crawl\b/, 'reaches bluesky/mastodon over the internet'],
];

function sh(command: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'bash',
      ['-c', command],
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the README, run as written', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'murmur-readme-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, PASSWORD: 'a newcomer password', LOG_LEVEL: 'warn' };

  // A fresh data folder costs an embedded-database set-up per command: slow on a loaded machine.
  it('a CLI command on an empty installation says exactly what to run first', {
    timeout: 300_000,
  }, async () => {
    const first = await sh('npx murmur niches', env);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain(
      'npx murmur user create --email you@example.com --password-stdin --workspace',
    );
  });

  it('every `npx murmur` example works on a fresh data folder, in order', { timeout: 600_000 }, async () => {
    const cli = [...new Set(commands.filter((c) => /(^|\| )npx murmur /.test(c)))];
    expect(cli.length).toBeGreaterThan(5);
    for (const command of cli) {
      const skip = notRunHere.find(([pattern]) => pattern.test(command));
      if (skip) continue;
      if (command.includes('../shared/datasets') && !existsSync(join(root, '../shared/datasets'))) {
        console.warn(`[readme test] skipped, no datasets folder beside the checkout: ${command}`);
        continue;
      }
      const result = await sh(command, env);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      if (command.includes('murmur niches')) {
        expect(result.stdout).toContain('(demo)');
        if (existsSync(join(root, '../shared/datasets'))) expect(result.stdout).toContain('Twitch RU');
      }
    }
  });

  it.each(testDatabaseKinds)(
    'the curl examples answer with contacts, with and without input (%s)',
    { timeout: 120_000 },
    async (kind) => {
      const database = await openTestDatabase(kind);
      const app = createTestApp(database);
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const admin = await userInWorkspace(app, database, {
          email: 'api@agency.test',
          workspace: 'Agency',
          role: 'admin',
        });
        for (const name of ['Vegan Val', 'Meat Max'])
          expect((await trpcCall(app, admin, 'contacts.create', { name })).status).toBe(200);
        const key = (await trpcCall(app, admin, 'apiKeys.create', { name: 'curl', role: 'member' })).data as {
          secret: string;
        };
        const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const curls = commands.filter((c) => c.startsWith('curl '));
        expect(curls).toHaveLength(2);
        const names = [];
        for (const command of curls) {
          const result = await sh(command.replaceAll('http://localhost:3000', origin), { KEY: key.secret });
          expect(result.code, `${command}\n${result.stderr}`).toBe(0);
          const body = JSON.parse(result.stdout) as { result: { data: { items: { name: string }[] } } };
          names.push(body.result.data.items.map((c) => c.name).sort());
        }
        expect(names).toEqual([['Meat Max', 'Vegan Val'], ['Vegan Val']]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await database.close();
      }
    },
  );
});
