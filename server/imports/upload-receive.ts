/**
 * An upload streamed from the request into upload_chunks, 1 MiB at a time: the file is never
 * whole in memory, so its size costs database space, not server memory. The niche row is locked
 * while its status is checked and set to 'importing', so of two uploads at once exactly one is
 * accepted.
 */
import { Readable } from 'node:stream';
import Busboy from '@fastify/busboy';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type NicheStatus, uploadChunks, uploads } from '../db/schema/index.ts';
import { markImporting, restoreAfterUpload } from '../niches/niche-status.ts';
import { rows } from '../niches/niche-store.ts';
import { NicheError } from '../niches/niches.errors.ts';
import type { UploadPart } from './parse-upload.ts';

export const CHUNK_BYTES = 1 << 20;

export type ReceivedFile = { name: string; bytes: number };
export type ReceivedUpload = {
  uploadId: string;
  nicheId: string;
  previousStatus: NicheStatus;
  fields: Record<string, string>;
  files: Partial<Record<UploadPart, ReceivedFile>>;
};

/** Locks the niche, checks it can take a file, and opens an upload in 'receiving'. */
export async function openUpload(db: Db, target: { workspaceId: string; nicheId: string }) {
  return db.transaction(async (tx) => {
    const [niche] = await rows<{ id: string; platform: string; status: NicheStatus }>(
      tx,
      sql`select id, platform, status from niches
          where id = ${target.nicheId} and workspace_id = ${target.workspaceId} for update`,
    );
    if (!niche) throw new NicheError('niche_not_found', 'No such niche in this workspace.');
    if (niche.platform !== 'file') {
      throw new NicheError(
        'not_crawlable',
        'Files are imported into niches created for imports, not crawled ones.',
      );
    }
    if (niche.status === 'importing' || niche.status === 'scoring') {
      throw new NicheError('busy', `This niche is busy ${niche.status}; wait for it to finish.`);
    }
    const [upload] = await tx
      .insert(uploads)
      .values({
        workspaceId: target.workspaceId,
        nicheId: niche.id,
        filename: '',
        format: 'csv',
        status: 'receiving',
        progress: { phase: 'receiving', accounts: 0, edges: 0 },
      })
      .returning({ id: uploads.id });
    await markImporting(tx, { nicheId: niche.id });
    return { uploadId: upload.id, nicheId: niche.id, previousStatus: niche.status };
  });
}

/** Drops an upload that never became an import, and gives the niche its status back. */
export async function abandonUpload(
  db: Db,
  opened: Pick<ReceivedUpload, 'uploadId' | 'nicheId' | 'previousStatus'>,
) {
  await db.delete(uploads).where(eq(uploads.id, opened.uploadId));
  await restoreAfterUpload(db, opened, opened.previousStatus);
}

/** Writes one file's stream as numbered chunks (a form field, or a file the CLI reads); returns its size. */
export async function storeFile(db: Db, uploadId: string, part: UploadPart, file: AsyncIterable<Buffer>) {
  let seq = 0;
  let total = 0;
  let pieces: Buffer[] = [];
  let held = 0;
  const flush = async () => {
    if (held === 0) return;
    const data = Buffer.concat(pieces, held);
    pieces = [];
    held = 0;
    await db.insert(uploadChunks).values({ uploadId, part, seq, data });
    seq += 1;
  };
  for await (const piece of file) {
    let rest = piece;
    while (rest.length > 0) {
      const take = Math.min(rest.length, CHUNK_BYTES - held);
      pieces.push(rest.subarray(0, take));
      held += take;
      total += take;
      rest = rest.subarray(take);
      if (held === CHUNK_BYTES) await flush();
    }
  }
  await flush();
  return total;
}

/**
 * Reads a multipart body: `edges` and `accounts` files go to upload_chunks (other files are
 * skipped), short text fields are returned. Throws on a malformed body.
 */
export async function receiveParts(
  db: Db,
  uploadId: string,
  request: { contentType: string; body: ReadableStream<Uint8Array> | null },
): Promise<Pick<ReceivedUpload, 'fields' | 'files'>> {
  const fields: Record<string, string> = {};
  const files: ReceivedUpload['files'] = {};
  const stored: Promise<void>[] = [];
  let failure: unknown = null;
  const streams: Readable[] = [];
  const busboy = new Busboy({
    headers: { 'content-type': request.contentType },
    limits: { fields: 20, fieldSize: 4096, files: 4, parts: 24 },
  });
  const done = new Promise<void>((resolve, reject) => {
    busboy.on('file', (name, stream, filename) => {
      if ((name !== 'edges' && name !== 'accounts') || files[name]) {
        stream.resume();
        return;
      }
      streams.push(stream);
      const file: ReceivedFile = { name: filename || `${name}.csv`, bytes: 0 };
      files[name] = file;
      stored.push(
        // Never left rejected: a database error stops the parser and is thrown below.
        storeFile(db, uploadId, name, stream).then(
          (bytes) => {
            file.bytes = bytes;
          },
          (error) => {
            failure ??= error;
            busboy.destroy(error as Error);
          },
        ),
      );
    });
    busboy.on('field', (name, value) => {
      fields[name] = value;
    });
    busboy.on('finish', resolve);
    busboy.on('error', reject);
  });
  if (!request.body) throw new Error('empty body');
  const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
  source.on('error', (error) => busboy.destroy(error));
  source.pipe(busboy);
  await done.catch((error) => {
    failure ??= error;
    for (const stream of streams) stream.destroy(); // so the writers above stop waiting
  });
  await Promise.all(stored);
  if (failure) throw failure;
  return { fields, files };
}
