/**
 * A niche's status and its transitions: the only file that writes `niches.status`. Crawls,
 * imports and scoring call these by name, so what each step does to the niche (and whether it
 * clears the last error) reads in one place. A transition with `from` only applies while the
 * niche is still in that state, so a late failure cannot overwrite newer work.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { type NicheStatus, niches } from '../db/schema/index.ts';

type Writer = Db | Tx;
/** A niche by id, optionally checked against its workspace. */
export type NicheRef = { nicheId: string; workspaceId?: string };

async function move(
  db: Writer,
  ref: NicheRef,
  set: { status: NicheStatus; lastError?: string | null },
  options: { now?: Date; from?: NicheStatus[] } = {},
) {
  await db
    .update(niches)
    .set({ ...set, updatedAt: options.now ?? new Date() })
    .where(
      and(
        eq(niches.id, ref.nicheId),
        ref.workspaceId ? eq(niches.workspaceId, ref.workspaceId) : undefined,
        options.from ? inArray(niches.status, options.from) : undefined,
      ),
    );
}

/** A crawl started or resumed. */
export const markCrawling = (db: Writer, ref: NicheRef, now?: Date) =>
  move(db, ref, { status: 'crawling', lastError: null }, { now });

export const markPaused = (db: Writer, ref: NicheRef, now?: Date) =>
  move(db, ref, { status: 'paused' }, { now });

/**
 * A crawl was cancelled or finished: the niche holds what was collected and waits. A finished
 * crawl may leave a warning (seeds that could not be crawled) for the user to see.
 */
export const markIdle = (db: Writer, ref: NicheRef, now?: Date, warning: string | null = null) =>
  move(db, ref, { status: 'idle', lastError: warning }, { now });

/** Called inside the transaction that opens an upload, with the niche row locked. */
export const markImporting = (db: Writer, ref: NicheRef, now?: Date) =>
  move(db, ref, { status: 'importing', lastError: null }, { now });

/** An upload that never became an import gives the niche back the status it had. */
export const restoreAfterUpload = (db: Writer, ref: NicheRef, previous: NicheStatus) =>
  move(db, ref, { status: previous }, { from: ['importing'] });

export const markScoring = (db: Writer, ref: NicheRef) =>
  move(db, ref, { status: 'scoring', lastError: null });

export const markReady = (db: Writer, ref: NicheRef) => move(db, ref, { status: 'ready' });

/** Records why the niche stopped; `from` limits it to a niche still in that step. */
export const markFailed = (db: Writer, ref: NicheRef, reason: string, from?: NicheStatus[], now?: Date) =>
  move(db, ref, { status: 'failed', lastError: reason }, { from, now });

/** Every niche in one of these states, for recovery at start. */
export async function nichesIn(db: Writer, statuses: NicheStatus[]) {
  return db
    .select({ id: niches.id, workspaceId: niches.workspaceId })
    .from(niches)
    .where(inArray(niches.status, statuses));
}

/**
 * Fails every niche left 'importing' with no upload still on its way: the process that held
 * it died between claiming the niche and queueing the import.
 */
export async function failOrphanedImports(db: Writer, reason: string, now: Date) {
  const busyUpload: SQL = sql`exists (select 1 from uploads u where u.niche_id = ${niches.id}
    and u.status in ('receiving', 'pending', 'running'))`;
  return db
    .update(niches)
    .set({ status: 'failed', lastError: reason, updatedAt: now })
    .where(and(eq(niches.status, 'importing'), sql`not ${busyUpload}`))
    .returning({ id: niches.id });
}
