/**
 * npm run bench:outreach — 10,000 queued messages to 10,000 distinct recipients through one
 * uncapped loopback mailbox (a real in-process SMTP server, pooled connections), with the
 * sending worker killed by SIGKILL at the midpoint and restarted. Prints messages per second
 * and duplicates (floor: 200/s, 0 duplicates). Uses DATABASE_URL when set, else PGlite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedOutbox, statusCounts } from '../../test/support/outreach-fixture.ts';
import { startTestSmtp } from '../../test/support/smtp-server.ts';

const count = Number(process.env.BENCH_MESSAGES ?? 10_000);
const target = process.env.DATABASE_URL ?? mkdtempSync(join(tmpdir(), 'murmur-outreach-bench-'));
const open = () =>
  target.startsWith('postgres') ? openDatabase({ url: target, max: 4 }) : openDatabase({ dataDir: target });
const script = join(import.meta.dirname, '../../test/support/outreach-sender-process.ts');

let worker: ChildProcess | undefined;
let killedAt = 0;
const smtp = await startTestSmtp({
  onMessage: (_m, n) => {
    if (n === Math.floor(count / 2) && worker) {
      killedAt = performance.now();
      worker.kill('SIGKILL');
    }
  },
});

const setup = await open();
await migrate(setup);
if (target.startsWith('postgres')) await setup.raw.query('truncate outreach_messages, mailboxes cascade');
const seeded = performance.now();
await seedOutbox(setup.db, { count, smtpPort: smtp.port, now: new Date() });
process.stdout.write(`queued ${count} messages in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);
await setup.close();

const run = () =>
  new Promise<number | null>((resolve) => {
    worker = spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        OUTREACH_DB: target,
        OUTREACH_POOL: '5',
        OUTREACH_BATCH: '200',
        OUTREACH_LEASE_MS: '1000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    worker.once('exit', (code) => resolve(code));
  });

const started = performance.now();
await run();
const firstSent = smtp.received.length;
const firstSeconds = (killedAt - started) / 1000;
const restarted = performance.now();
const code = await run();
const secondSeconds = (performance.now() - restarted) / 1000;

const perId = new Map<string, number>();
for (const m of smtp.received) perId.set(m.messageId as string, (perId.get(m.messageId as string) ?? 0) + 1);
const duplicates = [...perId.values()].filter((n) => n > 1).length;
const check = await open();
const counts = await statusCounts(check.db);
await check.close();
await smtp.close();

const rate = (n: number, s: number) => (n / s).toFixed(0);
process.stdout.write(
  [
    `database: ${target.startsWith('postgres') ? 'postgres' : 'pglite'}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `before SIGKILL: ${firstSent} sent in ${firstSeconds.toFixed(1)} s (process start included) = ${rate(firstSent, firstSeconds)} msgs/s`,
    `after restart: ${smtp.received.length - firstSent} sent in ${secondSeconds.toFixed(1)} s = ${rate(smtp.received.length - firstSent, secondSeconds)} msgs/s (exit ${code})`,
    `distinct Message-IDs at the server: ${perId.size} of ${count}; duplicates: ${duplicates}`,
    `final states: ${JSON.stringify(counts)}`,
  ].join('\n') + '\n',
);
const overall = smtp.received.length / (firstSeconds + secondSeconds);
if (duplicates > 0 || overall < 200) {
  process.stdout.write(`FLOOR MISSED: ${overall.toFixed(0)} msgs/s overall, ${duplicates} duplicates\n`);
  process.exit(1);
}
process.exit(0);
