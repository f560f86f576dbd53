/**
 * A sending worker in its own process, so a test can SIGKILL it: opens the database named by
 * OUTREACH_DB (a postgres:// URL or a PGlite folder), recovers dead claims, sends until the
 * queue is empty, exits 0.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client.ts';
import { createSender } from '../../server/outreach/sender.ts';

const target = process.env.OUTREACH_DB ?? '';
const database = await openDatabase(
  target.startsWith('postgres') ? { url: target, max: 4 } : { dataDir: target },
);
const sender = createSender({
  db: database.db,
  secret: process.env.OUTREACH_SECRET ?? 'test-secret-that-is-long-enough-0123456789',
  baseUrl: 'http://localhost:3000',
  now: () => new Date(),
  poolSize: Number(process.env.OUTREACH_POOL ?? 5),
  batchSize: Number(process.env.OUTREACH_BATCH ?? 200),
  leaseMs: Number(process.env.OUTREACH_LEASE_MS ?? 1500),
});
for (;;) {
  await sender.recover({ all: database.kind === 'pglite' });
  await sender.drain();
  const result = (await database.db.execute(
    sql`select count(*)::int as n from outreach_messages where status in ('scheduled', 'sending')`,
  )) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as {
    n: number;
  }[];
  if (Number(rows[0]?.n ?? 0) === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
sender.close();
await database.close();
process.stdout.write('drained\n');
process.exit(0);
