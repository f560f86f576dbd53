/**
 * A sending worker is killed with SIGKILL in the middle of a batch and started again: at the
 * SMTP server every queued message arrives exactly once (counted per Message-ID). The kill
 * lands while the server holds a complete message it has not yet answered, the one moment
 * where the worker cannot know the outcome: the restarted worker must not send it again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { pgliteFolder } from '../server/db/open.ts';
import { interruptedText } from '../server/outreach/sender.ts';
import { createPostgresDatabase, testDatabaseKinds } from './support/database.ts';
import { seedOutbox, statusCounts } from './support/outreach-fixture.ts';
import { startTestSmtp } from './support/smtp-server.ts';
import { migratedDataDir } from './support/templates.ts';

const count = 60;
const script = join(import.meta.dirname, 'support/outreach-sender-process.ts');

function runWorker(target: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, OUTREACH_DB: target, OUTREACH_POOL: '1', OUTREACH_LEASE_MS: '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function openTarget(kind: 'pglite' | 'postgres') {
  if (kind === 'pglite') {
    const dir = pgliteFolder(migratedDataDir('murmur-crash-'));
    return { target: dir, open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
  }
  const created = await createPostgresDatabase('murmur_crash');
  return {
    target: created.url,
    open: () => openDatabase({ url: created.url, max: 2 }),
    drop: created.drop,
  };
}

describe.each(testDatabaseKinds)('a sending worker killed mid-batch on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('sends every message exactly once after a restart', { timeout: 120_000 }, async () => {
    const db = await openTarget(kind);
    cleanups.push(db.drop);
    let setup: Database = await db.open();
    await migrate(setup);
    let first: ReturnType<typeof runWorker> | undefined;
    const smtp = await startTestSmtp({
      onMessage: (_message, n) => {
        // The 21st message is complete at the server and not yet answered: kill now.
        if (n === 21) first?.child.kill('SIGKILL');
      },
    });
    cleanups.push(smtp.close);
    await seedOutbox(setup.db, { count, smtpPort: smtp.port, now: new Date() });
    await setup.close(); // PGlite's folder belongs to one process at a time

    first = runWorker(db.target);
    expect(await first.exited).toBe(null); // killed by the signal
    expect(smtp.received.length).toBeGreaterThanOrEqual(21);
    expect(smtp.received.length).toBeLessThan(count);

    const second = runWorker(db.target);
    expect(await second.exited).toBe(0);

    const perId = new Map<string, number>();
    for (const m of smtp.received)
      perId.set(m.messageId as string, (perId.get(m.messageId as string) ?? 0) + 1);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(perId.size).toBe(count);

    setup = await db.open();
    const counts = await statusCounts(setup.db);
    // The one message the server held unanswered is flagged for a person, not resent.
    expect(counts).toEqual({ sent: count - 1, failed: 1 });
    const flagged = await setup.raw.query<{ message_id: string; last_error: string }>(
      "select message_id, last_error from outreach_messages where status = 'failed'",
    );
    expect(flagged.rows[0]?.last_error).toBe(interruptedText);
    expect(perId.get(flagged.rows[0]?.message_id as string)).toBe(1);
    await setup.close();
  });
});
