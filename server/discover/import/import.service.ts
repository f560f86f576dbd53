/**
 * Graph files into niches. An upload is stored in the database first (any worker can read it),
 * then the import job parses it and writes every account and edge in one transaction: a
 * failed import leaves the niche as it was.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ImportedGraph } from '../../crawl/importers/imported-graph.ts';
import { importCsvGraph, importGexf, importGraphml } from '../../crawl/importers/index.ts';
import type { Db } from '../../db/client.ts';
import { niches, type UploadOptions, uploads } from '../../db/schema/index.ts';
import type { Queue } from '../../jobs/queue.ts';
import { AppError } from '../../trpc/errors.ts';
import { NicheError, requireNiche } from '../niches.service.ts';
import { enqueueScoring } from '../scoring/score.job.ts';
import { type AccountInput, copyEdgesIntoEmptyNiche, insertEdges, rows, upsertAccounts } from '../store.ts';

export const importJobName = 'import-graph';
export type GraphFormat = 'csv' | 'gexf' | 'graphml';

export function formatFromName(filename: string): GraphFormat | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'graphml' || ext === 'xml') return 'graphml';
  if (['csv', 'tsv', 'txt', 'edges', 'edgelist'].includes(ext)) return 'csv';
  return null;
}

export async function createUpload(
  db: Db,
  queue: Queue,
  target: { workspaceId: string; nicheId: string },
  file: { filename: string; format: GraphFormat; edges: Buffer; accounts?: Buffer; options: UploadOptions },
) {
  const niche = await requireNiche(db, target.workspaceId, target.nicheId);
  if (niche.platform !== 'file') {
    throw new NicheError(
      'invalid',
      'Files are imported into niches created for imports, not crawled ones.',
      'not_crawlable',
    );
  }
  if (niche.status === 'importing' || niche.status === 'scoring') {
    throw new NicheError('conflict', `This niche is busy ${niche.status}; wait for it to finish.`, 'busy');
  }
  const upload = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(uploads)
      .values({
        workspaceId: target.workspaceId,
        nicheId: niche.id,
        filename: file.filename,
        format: file.format,
        edges: file.edges,
        accounts: file.accounts ?? null,
        options: file.options,
        progress: { phase: 'queued', accounts: 0, edges: 0 },
      })
      .returning({ id: uploads.id });
    await tx
      .update(niches)
      .set({ status: 'importing', lastError: null, updatedAt: new Date() })
      .where(eq(niches.id, niche.id));
    return row;
  });
  await queue.send(importJobName, { uploadId: upload.id }, { retryLimit: 1 });
  return upload;
}

/** Parses a stored upload into the plain graph the importers return. */
export async function parseUpload(upload: {
  format: GraphFormat;
  edges: Buffer;
  accounts: Buffer | null;
  options: UploadOptions;
}): Promise<ImportedGraph> {
  // PGlite hands bytea back as a plain Uint8Array.
  const text = Buffer.from(upload.edges).toString('utf8');
  const expandUndirected = upload.options.mutual ?? false;
  if (upload.format === 'gexf') return importGexf({ text }, { expandUndirected: true });
  if (upload.format === 'graphml') return importGraphml({ text }, { expandUndirected: true });
  const accountsText = upload.accounts ? Buffer.from(upload.accounts).toString('utf8') : undefined;
  return importCsvGraph({
    edges: { text },
    accounts: accountsText ? { text: accountsText } : undefined,
    accountsOptions: accountsText
      ? { idColumn: upload.options.accountsIdColumn ?? guessIdColumn(text, accountsText) }
      : undefined,
    directed: !expandUndirected,
    expandUndirected,
    delimiter: upload.options.delimiter,
  });
}

/**
 * The accounts column whose values are node ids in the edge file: among columns whose values are
 * unique, the one matching the most ids in the first rows (the Twitch datasets keep them in
 * `new_id`, not `id`); ties go to the usual names.
 */
export function guessIdColumn(edgesText: string, accountsText: string): string | undefined {
  const lines = accountsText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 501)
    .filter(Boolean);
  if (lines.length < 2) return undefined;
  const delimiter = [',', ';', '\t'].sort((a, b) => lines[0].split(b).length - lines[0].split(a).length)[0];
  const clean = (v: string | undefined) => v?.trim().replace(/^"|"$/g, '') ?? '';
  const header = lines[0].split(delimiter).map(clean);
  const ids = new Set(edgesText.slice(0, 4_000_000).split(/[\s,;\t]+/));
  const preferred = ['node_id', 'new_id', 'id'];
  const scored = header.map((column, i) => {
    const values = lines.slice(1).map((l) => clean(l.split(delimiter)[i]));
    const unique = new Set(values).size === values.length;
    const hits = values.filter((v) => ids.has(v)).length;
    const rank = preferred.indexOf(column.toLowerCase());
    return { column, score: unique ? hits : -1, rank: rank < 0 ? preferred.length : rank };
  });
  scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return scored[0]?.score > 0 ? scored[0].column : undefined;
}

const numberAttribute = (a: Record<string, unknown> | undefined, ...names: string[]) => {
  for (const name of names) {
    const v = a?.[name];
    if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v);
  }
  return null;
};

/**
 * Writes a parsed graph into the niche, all or nothing. (Progress inside the transaction would
 * be invisible to others until it commits, and on PGlite would wait for it: none is reported.)
 */
export async function writeImportedGraph(
  db: Db,
  nicheId: string,
  graph: ImportedGraph,
  onAccountsWritten?: () => void,
) {
  return db.transaction(async (tx) => {
    const accounts: AccountInput[] = graph.nodeIds.map((id) => {
      const imported = graph.accounts.get(id);
      const attributes = imported?.attributes;
      return {
        platformId: id,
        handle: imported?.label ?? id,
        displayName: imported?.label ?? null,
        followersCount: numberAttribute(attributes, 'followers', 'followers_count', 'followersCount'),
        followsCount: numberAttribute(attributes, 'follows', 'following', 'follows_count', 'followsCount'),
        postsCount: numberAttribute(attributes, 'posts', 'posts_count', 'postsCount', 'statuses_count'),
        accountCreatedAt: accountAge(attributes),
        attributes: attributes && Object.keys(attributes).length > 0 ? attributes : null,
      };
    });
    const { ids } = await upsertAccounts(tx, nicheId, accounts);
    const idOf = graph.nodeIds.map((id) => ids.get(id)!);
    onAccountsWritten?.();
    const [existing] = await rows<{ any: boolean }>(
      tx,
      sql`select exists (select 1 from niche_edges where niche_id = ${nicheId}) as any`,
    );
    if (!existing?.any)
      return { accounts: ids.size, edges: await copyEdgesIntoEmptyNiche(tx, nicheId, graph.edges, idOf) };
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < graph.edges.length; i++) {
      from.push(idOf[graph.edges.from[i]]);
      to.push(idOf[graph.edges.to[i]]);
    }
    const written = await insertEdges(tx, nicheId, from, to);
    return { accounts: ids.size, edges: written };
  });
}

/** Account age from a `days` attribute (Twitch datasets) or a creation date. */
function accountAge(attributes: Record<string, unknown> | undefined): string | null {
  const days = attributes?.days;
  if (typeof days === 'number' && Number.isFinite(days))
    return new Date(Date.now() - days * 86_400_000).toISOString();
  const created = attributes?.created_at ?? attributes?.createdAt;
  if (typeof created === 'string' && !Number.isNaN(Date.parse(created)))
    return new Date(created).toISOString();
  return null;
}

export async function runImport(db: Db, queue: Queue, uploadId: string) {
  const [upload] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  if (upload?.status !== 'pending') return;
  const setProgress = (progress: { phase: string; accounts: number; edges: number }) =>
    db.update(uploads).set({ progress }).where(eq(uploads.id, uploadId));
  try {
    await setProgress({ phase: 'parsing', accounts: 0, edges: 0 });
    const graph = await parseUpload(upload);
    if (graph.nodeIds.length === 0) throw new AppError('invalid', `${upload.filename} holds no edges.`);
    await setProgress({ phase: 'writing', accounts: graph.nodeIds.length, edges: graph.edges.length });
    const result = await writeImportedGraph(db, upload.nicheId, graph);
    await db
      .update(uploads)
      .set({ status: 'done', progress: { phase: 'done', ...result } })
      .where(eq(uploads.id, uploadId));
    await enqueueScoring(db, queue, { nicheId: upload.nicheId, workspaceId: upload.workspaceId });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^crawl\/importers: /, '') : String(error);
    await db.update(uploads).set({ status: 'failed', error: message }).where(eq(uploads.id, uploadId));
    await db
      .update(niches)
      .set({ status: 'failed', lastError: `Import of ${upload.filename} failed: ${message}` })
      .where(and(eq(niches.id, upload.nicheId)));
  }
}
