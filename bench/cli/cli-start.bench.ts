/**
 * How long the `murmur` command takes to answer: `murmur help` (median of BENCH_RUNS, default 5)
 * and `npm start` on a fresh data folder until /healthz says ok. Prints the load average next to
 * the numbers, since on a shared machine that explains most of the spread.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/lib/project-root.ts';

const root = projectRoot(import.meta.url);
const bin = join(root, 'bin/murmur.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// The first run may rebuild dist/server; that is a one-off, not start-up.
execFileSync(process.execPath, [bin, 'help'], { stdio: 'ignore' });
const helpTimes: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const started = performance.now();
  execFileSync(process.execPath, [bin, 'help'], { stdio: 'ignore' });
  helpTimes.push(performance.now() - started);
}
helpTimes.sort((a, b) => a - b);
const helpLoad = load();

const dataDir = mkdtempSync(join(tmpdir(), 'murmur-bench-cli-'));
const started = performance.now();
const child = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let output = '';
const url = await new Promise<string>((resolve, reject) => {
  child.on('exit', (code) => reject(new Error(`npm start exited (${code}): ${output}`)));
  const onData = (d: Buffer) => {
    output += d;
    const match = output.match(/running at (http:\/\/\S+)/);
    if (match) resolve(match[1]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
});
for (;;) {
  const health = await fetch(`${url}/healthz`).then(
    (r) => r.json() as Promise<{ ok: boolean }>,
    () => null,
  );
  if (health?.ok) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const startMs = performance.now() - started;
const startLoad = load();
process.kill(-child.pid!, 'SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });

console.table([
  {
    measure: `murmur help (median of ${runs})`,
    seconds: (helpTimes[runs >> 1] / 1000).toFixed(3),
    load: helpLoad,
  },
  {
    measure: 'npm start, fresh data folder, to healthy',
    seconds: (startMs / 1000).toFixed(2),
    load: startLoad,
  },
]);
