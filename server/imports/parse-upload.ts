/**
 * An upload's files, read chunk by chunk, into the plain graph the importers return. Runs in the
 * import worker thread (parse.worker.ts), and in-process for the CLI: one set of rules for both.
 */
import { open } from 'node:fs/promises';
import type { UploadOptions } from '../db/schema/index.ts';
import { CSV_LIMITS } from '../graph-files/csv-reader.ts';
import type { GraphFormat } from '../graph-files/graph-format.ts';
import type { ImportedGraph } from '../graph-files/imported-graph.ts';
import { importCsvGraph, importGexf, importGraphml } from '../graph-files/index.ts';
import { type ChunkReader, decodedText, headText, NotUtf8Error, type UploadEncoding } from './upload-text.ts';

export type { GraphFormat };
export type UploadPart = 'edges' | 'accounts';
export type PartReader = (part: UploadPart, seq: number) => Promise<Uint8Array | null>;
export type UploadSpec = {
  filename: string;
  format: GraphFormat;
  options: UploadOptions;
  hasAccounts: boolean;
};
export type ParsedUpload = { graph: ImportedGraph; warning: string | null };

async function parseAs(spec: UploadSpec, read: PartReader, encoding: UploadEncoding) {
  const edgesOf: ChunkReader = (seq) => read('edges', seq);
  const accountsOf: ChunkReader = (seq) => read('accounts', seq);
  const xml = spec.format !== 'csv';
  const text = decodedText(edgesOf, spec.filename, encoding, !xml);
  if (spec.format === 'gexf') return importGexf(text, { expandUndirected: true });
  if (spec.format === 'graphml') return importGraphml(text, { expandUndirected: true });
  const expandUndirected = spec.options.mutual ?? false;
  let idColumn = spec.options.accountsIdColumn;
  if (spec.hasAccounts && !idColumn) {
    const edgesHead = await headText(edgesOf, spec.filename, encoding, 4 << 20);
    const accountsHead = await headText(accountsOf, 'the accounts file', encoding, 1 << 20);
    idColumn = guessIdColumn(edgesHead, accountsHead);
  }
  return importCsvGraph({
    edges: text,
    accounts: spec.hasAccounts ? decodedText(accountsOf, 'the accounts file', encoding) : undefined,
    accountsOptions: spec.hasAccounts ? { idColumn } : undefined,
    directed: !expandUndirected,
    expandUndirected,
    delimiter: spec.options.delimiter,
  });
}

export async function parseUploadStream(spec: UploadSpec, read: PartReader): Promise<ParsedUpload> {
  try {
    return { graph: await parseAs(spec, read, 'utf-8'), warning: null };
  } catch (error) {
    // The readers wrap errors from their source; the decoder's is the cause.
    const notUtf8 = error instanceof NotUtf8Error ? error : (error as Error).cause;
    if (!(notUtf8 instanceof NotUtf8Error)) throw error;
    const graph = await parseAs(spec, read, 'windows-1252');
    return {
      graph,
      warning: `${notUtf8.message}; it was read as Windows-1252 (Latin-1). If names look wrong, save the file as UTF-8 and upload it again.`,
    };
  }
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
  // Each line is split once, and at most a column past the limit, whatever the width of the file.
  const limit = CSV_LIMITS.columns + 1;
  const header = lines[0].split(delimiter, limit).map(clean);
  if (header.length > CSV_LIMITS.columns) return undefined; // the reader reports it clearly
  const cells = lines.slice(1).map((l) => l.split(delimiter, limit));
  const ids = new Set(edgesText.slice(0, 4_000_000).split(/[\s,;\t]+/));
  const preferred = ['node_id', 'new_id', 'id'];
  const scored = header.map((column, i) => {
    const values = cells.map((row) => clean(row[i]));
    const unique = new Set(values).size === values.length;
    const hits = values.filter((v) => ids.has(v)).length;
    const rank = preferred.indexOf(column.toLowerCase());
    return { column, score: unique ? hits : -1, rank: rank < 0 ? preferred.length : rank };
  });
  scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return scored[0]?.score > 0 ? scored[0].column : undefined;
}

/** Files on disk read like an upload's chunks (for `murmur import`), 1 MiB at a time. */
export function fileChunkReader(
  paths: Partial<Record<UploadPart, string>>,
  chunkBytes = 1 << 20,
): PartReader {
  return async (part, seq) => {
    const path = paths[part];
    if (!path) return null;
    const file = await open(path, 'r');
    try {
      const buffer = new Uint8Array(chunkBytes);
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, seq * chunkBytes);
      return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  };
}
