/**
 * Graph files into niches. An upload is streamed into the database first (upload-receive.ts; any
 * worker can read it), then the import job parses it in a worker thread and writes every account
 * and edge in one transaction: a failed import leaves the niche as it was.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { type UploadOptions, uploadChunks, uploads } from '../db/schema/index.ts';
import type { GraphFormat } from '../graph-files/graph-format.ts';
import { ImportError } from '../graph-files/import.errors.ts';
import type { ImportedGraph } from '../graph-files/imported-graph.ts';
import type { Queue } from '../jobs/queue.ts';
import { safeErrorText } from '../lib/safe-text.ts';
import { markFailed } from '../niches/niche-status.ts';
import { enqueueScoring } from '../scoring/scoring.service.ts';
import { parseInWorker } from './parse-in-worker.ts';
import type { PartReader } from './parse-upload.ts';
import { abandonUpload, openUpload } from './upload-receive.ts';
import { writeImportedGraph } from './write-graph.ts';

export type { GraphFormat } from '../graph-files/graph-format.ts';
export { writeImportedGraph } from './write-graph.ts';

export const importJobName = 'import-graph';

/**
 * A running import renews its lease this often; a lease not renewed for LEASE_MS belongs to a
 * dead worker. Import jobs expire after JOB_EXPIRE_SECONDS (pg-boss's default is 15 minutes):
 * a job that finds the import still leased re-queues itself, so one is always waiting to take
 * over soon after a crash.
 */
export const IMPORT_LEASE_MS = 60_000;
export const IMPORT_JOB_EXPIRE_SECONDS = 120;
/** Runs that may start before an upload is failed instead: a file that kills the worker every time. */
export const IMPORT_MAX_ATTEMPTS = 2;

export const sendImportJob = (queue: Queue, uploadId: string, startAfter = 0) =>
  queue.send(
    importJobName,
    { uploadId },
    { retryLimit: 2, expireInSeconds: IMPORT_JOB_EXPIRE_SECONDS, startAfter },
  );

type UploadSettings = { filename: string; format: GraphFormat; options: UploadOptions };

/**
 * The one road for a file into a niche, for the upload route and the CLI alike: opens an upload
 * (the niche goes 'importing', one upload at a time), lets `receive` store the file's chunks and
 * name its settings, then marks it pending and, given a queue, queues the import job. Whatever
 * throws before that drops the upload and gives the niche its status back.
 */
export async function importFile(
  db: Db,
  target: { workspaceId: string; nicheId: string },
  receive: (uploadId: string) => Promise<UploadSettings>,
  options: { queue?: Queue; onCleanupError?: (error: unknown) => void } = {},
) {
  const opened = await openUpload(db, target);
  try {
    const settings = await receive(opened.uploadId);
    await db
      .update(uploads)
      .set({ ...settings, status: 'pending', progress: { phase: 'queued', accounts: 0, edges: 0 } })
      .where(eq(uploads.id, opened.uploadId));
    if (options.queue) await sendImportJob(options.queue, opened.uploadId);
    return { uploadId: opened.uploadId };
  } catch (error) {
    await abandonUpload(db, opened).catch((cause) => options.onCleanupError?.(cause));
    throw error;
  }
}

/** Reads an upload's chunks one at a time, for the parser. */
export const uploadChunkReader =
  (db: Db, uploadId: string): PartReader =>
  async (part, seq) => {
    const [row] = await db
      .select({ data: uploadChunks.data })
      .from(uploadChunks)
      .where(
        and(eq(uploadChunks.uploadId, uploadId), eq(uploadChunks.part, part), eq(uploadChunks.seq, seq)),
      );
    // PGlite hands bytea back as a plain Uint8Array, postgres as a Buffer: both are views.
    return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
  };

/** One rule for the CLI and the upload route: a file without a single edge is not imported. */
export function requireEdges(graph: ImportedGraph, filename: string) {
  if (graph.nodeIds.length === 0) throw new ImportError('no_edges', `${filename} holds no edges.`);
}

/** Takes the upload if it is waiting, or if its last runner's lease ran out. */
async function claim(db: Db, uploadId: string, now: Date, leaseMs: number) {
  const [upload] = await db
    .update(uploads)
    .set({
      status: 'running',
      leaseUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${uploads.attempts} + 1`,
    })
    .where(
      and(
        eq(uploads.id, uploadId),
        or(eq(uploads.status, 'pending'), and(eq(uploads.status, 'running'), lt(uploads.leaseUntil, now))),
      ),
    )
    .returning();
  return upload;
}

/**
 * Marks an import failed: upload, niche, and its chunks freed. Never throws (it runs in a catch):
 * if even this cannot be written, the niche is recovered at the next start.
 */
export async function failImport(
  db: Db,
  upload: { id: string; nicheId: string; filename: string },
  error: unknown,
) {
  const message = safeErrorText(error);
  try {
    await db
      .update(uploads)
      .set({ status: 'failed', error: message, leaseUntil: null })
      .where(eq(uploads.id, upload.id));
    await markFailed(db, upload, safeErrorText(`Import of ${upload.filename} failed: ${message}`, 1000), [
      'importing',
    ]);
    await db.delete(uploadChunks).where(eq(uploadChunks.uploadId, upload.id));
    return true;
  } catch {
    return false;
  }
}

/**
 * The import job's work: parse the stored file in a worker thread and write the graph. Without a
 * queue (the CLI waits for the outcome in-process) nothing is re-queued and scoring is left to
 * the caller.
 */
export async function runImport(
  database: Database,
  queue: Queue | null,
  uploadId: string,
  now: () => Date = () => new Date(),
) {
  const { db } = database;
  // Embedded: one process, whose dead runs are recovered at start; a lease that ran out while
  // PGlite was busy writing must not let a second run start beside a live one.
  const leaseMs = database.kind === 'pglite' ? 7 * 86_400_000 : IMPORT_LEASE_MS;
  const upload = await claim(db, uploadId, now(), leaseMs);
  if (!upload) {
    const [other] = await db
      .select({ status: uploads.status, leaseUntil: uploads.leaseUntil })
      .from(uploads)
      .where(eq(uploads.id, uploadId));
    // Still running elsewhere: look again when its lease would run out, in case that runner dies.
    if (queue && other?.status === 'running' && other.leaseUntil) {
      const wait = Math.ceil((other.leaseUntil.getTime() - now().getTime()) / 1000) + 1;
      await sendImportJob(queue, uploadId, Math.max(1, Math.min(wait, 86_400)));
    }
    return;
  }
  const renew = setInterval(() => {
    db.update(uploads)
      .set({ leaseUntil: new Date(now().getTime() + leaseMs) })
      .where(and(eq(uploads.id, uploadId), eq(uploads.status, 'running')))
      .catch(() => {}); // a missed renewal only lets another worker take over sooner
  }, IMPORT_LEASE_MS / 3);
  const setProgress = (progress: { phase: string; accounts: number; edges: number }) =>
    db.update(uploads).set({ progress }).where(eq(uploads.id, uploadId));
  try {
    if (upload.attempts > IMPORT_MAX_ATTEMPTS)
      throw new ImportError(
        'gave_up',
        `the import stopped ${upload.attempts - 1} times before finishing (the file may be too large for this server)`,
      );
    await setProgress({ phase: 'parsing', accounts: 0, edges: 0 });
    const [accountsFile] = await db
      .select({ seq: uploadChunks.seq })
      .from(uploadChunks)
      .where(and(eq(uploadChunks.uploadId, uploadId), eq(uploadChunks.part, 'accounts')))
      .limit(1);
    const { graph, warning } = await parseInWorker(
      {
        filename: upload.filename,
        format: upload.format,
        options: upload.options,
        hasAccounts: !!accountsFile,
      },
      uploadChunkReader(db, uploadId),
    );
    requireEdges(graph, upload.filename);
    await setProgress({ phase: 'writing', accounts: graph.nodeIds.length, edges: graph.edges.length });
    const result = await writeImportedGraph(db, upload.nicheId, graph);
    await db
      .update(uploads)
      .set({ status: 'done', warning, leaseUntil: null, progress: { phase: 'done', ...result } })
      .where(eq(uploads.id, uploadId));
    await db.delete(uploadChunks).where(eq(uploadChunks.uploadId, uploadId));
    if (queue) await enqueueScoring(db, queue, { nicheId: upload.nicheId, workspaceId: upload.workspaceId });
  } catch (error) {
    await failImport(db, upload, error);
  } finally {
    clearInterval(renew);
  }
}
