import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { uploads } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { failOrphanedImports } from '../niches/niche-status.ts';
import { failImport, sendImportJob } from './import.service.ts';

/** A file still streaming in after this long belongs to a request that died. */
const RECEIVE_TIMEOUT_MS = 60 * 60_000;

/**
 * At start, like crawls: every import that should be running gets a job, whatever happened to
 * the last one (a crash, retries used up), and a niche left 'importing' with no import behind
 * it is failed with a message instead of refusing uploads forever. On the embedded database
 * this process is the only one, so every lease and every half-received upload is a dead one.
 */
export async function recoverImports(database: Database, queue: Queue, now = new Date()) {
  const { db } = database;
  const embedded = database.kind === 'pglite';
  const dropped = await db
    .select({ id: uploads.id, nicheId: uploads.nicheId, filename: uploads.filename })
    .from(uploads)
    .where(
      and(
        eq(uploads.status, 'receiving'),
        embedded ? undefined : lt(uploads.createdAt, new Date(now.getTime() - RECEIVE_TIMEOUT_MS)),
      ),
    );
  for (const upload of dropped)
    await failImport(db, upload, new Error('the upload was interrupted; upload the file again'));
  if (embedded)
    await db
      .update(uploads)
      .set({ status: 'pending', leaseUntil: null })
      .where(eq(uploads.status, 'running'));
  const open = await db
    .select({ id: uploads.id, leaseUntil: uploads.leaseUntil })
    .from(uploads)
    .where(inArray(uploads.status, ['pending', 'running']));
  for (const upload of open) {
    const wait = upload.leaseUntil ? Math.ceil((upload.leaseUntil.getTime() - now.getTime()) / 1000) + 1 : 0;
    await sendImportJob(queue, upload.id, Math.max(0, wait));
  }
  const orphans = await failOrphanedImports(db, 'The import was interrupted; upload the file again.', now);
  return { resumed: open.length, failed: dropped.length + orphans.length };
}
