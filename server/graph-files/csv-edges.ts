/**
 * Edge lists from CSV/TSV files (`follower,followed` per line, or `from,to`, `source,target`,
 * SNAP's tab-separated pairs with `#` comments), optionally with an accounts CSV, into an
 * `ImportedGraph`.
 *
 *   const graph = await importCsvGraph({
 *     edges: { path: 'twitch-ru/edges.csv' },
 *     accounts: { path: 'twitch-ru/accounts.csv' },
 *     accountsOptions: { idColumn: 'new_id' },
 *     directed: false, expandUndirected: true,   // mutual follows: two edges each
 *   });
 *
 * Header: `'auto'` (default) takes the first row as a header when it names a known column
 * (`source`, `from`, `follower`, `target`, `to`, `followed`, …) or holds words where the second
 * row holds numbers. Columns: `from`/`to` by header name or index; by default the first
 * known names, else the first two columns. Ids are trimmed text, never parsed as numbers.
 */
import { type AccountsCsvOptions, readAccountsCsv } from './csv-accounts.ts';
import {
  type CsvReaderOptions,
  checkLineLength,
  createRowAssembler,
  type Delimiter,
  detectDelimiterAt,
  scanLines,
} from './csv-reader.ts';
import { ImportError } from './import.errors.ts';
import { createGraphBuilder, type GraphBuilder, type ImportedGraph } from './imported-graph.ts';
import type { TextSource } from './text-source.ts';

export type EdgeCsvOptions = CsvReaderOptions & {
  header?: boolean | 'auto';
  from?: string | number;
  to?: string | number;
};

export type CsvGraphOptions = EdgeCsvOptions & {
  edges: TextSource;
  accounts?: TextSource;
  accountsOptions?: AccountsCsvOptions;
  /** Whether a line means "from follows to" (default) or a mutual tie. */
  directed?: boolean;
  expandUndirected?: boolean;
};

export type EdgeCsvResult = { edges: number; delimiter: Delimiter; header: string[] | null };

const FROM_NAMES = [
  'source',
  'from',
  'follower',
  'src',
  'source_id',
  'from_id',
  'follower_id',
  'node1',
  'id1',
];
const TO_NAMES = [
  'target',
  'to',
  'followed',
  'following',
  'dst',
  'target_id',
  'to_id',
  'followed_id',
  'node2',
  'id2',
];
const KNOWN = new Set([...FROM_NAMES, ...TO_NAMES, 'weight', 'type', 'label']);
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

const looksLikeHeader = (first: string[], second: string[] | undefined) => {
  if (first.some((f) => KNOWN.has(f.trim().toLowerCase()))) return true;
  if (!second) return false;
  return first.slice(0, 2).every((f) => !NUMERIC.test(f)) && second.slice(0, 2).every((f) => NUMERIC.test(f));
};

const columnOf = (
  wanted: string | number | undefined,
  header: string[] | null,
  names: string[],
  fallback: number,
) => {
  if (typeof wanted === 'number') return wanted;
  const lower = header?.map((h) => h.trim().toLowerCase()) ?? [];
  if (wanted !== undefined) {
    const at = lower.indexOf(wanted.toLowerCase());
    if (at === -1) throw new ImportError('missing_column', `no column "${wanted}" in the edge list`);
    return at;
  }
  const named = names.map((n) => lower.indexOf(n)).find((i) => i >= 0);
  return named ?? fallback;
};

/**
 * Reads edges into `builder` (which knows whether they are directed). Plain lines, the
 * overwhelming majority, are cut straight out of the chunk text by the builder; only the first
 * rows (header detection), quoted lines and unusual column layouts go through the row assembler.
 */
export const readEdgeCsv = async (
  source: TextSource,
  builder: GraphBuilder,
  { header: headerOption = 'auto', from, to, ...csv }: EdgeCsvOptions = {},
): Promise<EdgeCsvResult> => {
  const comment = csv.comment === undefined ? '#' : csv.comment;
  const quote = csv.quote ?? '"';
  let delimiter = csv.delimiter;
  let header: string[] | null = null;
  let first: { fields: string[]; line: number } | null = null;
  let decided = headerOption !== 'auto';
  let fromAt = -1;
  let toAt = -1;
  let edges = 0;

  const edge = (fields: string[], line: number) => {
    const a = fields[fromAt];
    const b = fields[toAt];
    if (a === undefined || b === undefined) {
      throw new ImportError('parse_error', `line ${line} has ${fields.length} field(s)`, {
        line,
      });
    }
    builder.edge(a.trim(), b.trim());
    edges += 1;
  };
  const decide = (isHeader: boolean, fields: string[], line: number) => {
    decided = true;
    header = isHeader ? fields.map((f) => f.trim()) : null;
    fromAt = columnOf(from, header, FROM_NAMES, 0);
    toAt = columnOf(to, header, TO_NAMES, fromAt === 1 ? 0 : 1);
    if (!isHeader) edge(fields, line);
  };
  const assembler = createRowAssembler(
    () => delimiter ?? ',',
    (fields, line) => {
      if (fromAt >= 0) return edge(fields, line);
      if (decided) return decide(headerOption === true, fields, line);
      if (!first) {
        first = { fields, line };
        return;
      }
      decide(looksLikeHeader(first.fields, fields), first.fields, first.line);
      edge(fields, line);
    },
    { quote, comment },
  );

  // Where the next quote character is in the current chunk, so each line's check is O(1).
  let chunk = '';
  let nextQuote = -1;
  await scanLines(source, (text, start, end, line) => {
    checkLineLength(start, end, line);
    if (delimiter === undefined && start !== end && !(comment !== null && text.startsWith(comment, start))) {
      delimiter = detectDelimiterAt(text, start, comment);
    }
    const fast = fromAt === 0 && toAt === 1 && delimiter !== 'whitespace' && delimiter?.length === 1;
    if (!fast || assembler.pending || start === end) return assembler.line(text, start, end, line);
    if (text !== chunk || (nextQuote !== -1 && nextQuote < start)) {
      chunk = text;
      nextQuote = text.indexOf(quote, start);
    }
    if ((nextQuote !== -1 && nextQuote < end) || (comment !== null && text.startsWith(comment, start))) {
      return assembler.line(text, start, end, line);
    }
    const cut = text.indexOf(delimiter!, start);
    if (cut === -1 || cut >= end) return assembler.line(text, start, end, line); // reports the short row
    const after = text.indexOf(delimiter!, cut + 1);
    const stop = after === -1 || after > end ? end : after;
    builder.link(builder.nodeInText(text, start, cut), builder.nodeInText(text, cut + 1, stop));
    edges += 1;
  });
  assembler.finish();
  const pending = first as { fields: string[]; line: number } | null;
  if (!decided && pending) decide(looksLikeHeader(pending.fields, undefined), pending.fields, pending.line);
  return { edges, delimiter: delimiter ?? ',', header };
};

export const importCsvGraph = async ({
  edges,
  accounts,
  accountsOptions,
  directed = true,
  expandUndirected = false,
  ...options
}: CsvGraphOptions): Promise<ImportedGraph> => {
  const builder = createGraphBuilder({ directed, expandUndirected });
  await readEdgeCsv(edges, builder, options);
  if (accounts) await readAccountsCsv(accounts, builder, accountsOptions);
  return builder.build();
};
