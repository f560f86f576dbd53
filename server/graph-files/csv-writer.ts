/**
 * An `ImportedGraph` as two CSV files that `importCsvGraph` reads back: an edge list
 * (`source,target`) and an accounts file (node id, `label` when any node has one, then one
 * column per attribute). The id column is `id`, or `node_id` when an attribute is itself
 * called `id` (as in the Twitch datasets). CSV is untyped: text that looks like a number or a
 * boolean comes back as one; use GEXF to keep types exactly.
 *
 *   await writeTextFile('edges.csv', edgesCsvChunks(graph));
 *   await writeTextFile('accounts.csv', accountsCsvChunks(graph));
 */
import { spreadsheetSafe } from '../lib/spreadsheet-safe.ts';
import { attributeColumns } from './gexf-writer.ts';
import type { ImportedGraph } from './imported-graph.ts';
import { batched } from './text-sink.ts';

export type CsvWriterOptions = {
  delimiter?: string;
  /** Accounts columns written last, in this order, even when no account has a value. */
  columns?: string[];
};

/** A text cell, quoted when needed and never a formula (see spreadsheetSafe). */
export const csvField = (text: string, delimiter = ','): string => {
  const value = spreadsheetSafe(text);
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
};

/** Numbers and booleans are written as they are: `-3` is a value, not a formula. */
const valueField = (value: string | number | boolean, delimiter: string) =>
  typeof value === 'string' ? csvField(value, delimiter) : String(value);

export function* edgesCsvChunks(
  graph: ImportedGraph,
  { delimiter = ',' }: CsvWriterOptions = {},
): Generator<string> {
  const { nodeIds } = graph;
  const quoted = nodeIds.map((id) => csvField(id, delimiter));
  const { from, to, length } = graph.edges;
  function* lines() {
    yield `source${delimiter}target\n`;
    for (let i = 0; i < length; i += 1) yield `${quoted[from[i]!]}${delimiter}${quoted[to[i]!]}\n`;
  }
  yield* batched(lines());
}

export function* accountsCsvChunks(
  graph: ImportedGraph,
  { delimiter = ',', columns = [] }: CsvWriterOptions = {},
): Generator<string> {
  const listed = new Set(columns);
  const titles = [...[...attributeColumns(graph).keys()].filter((t) => !listed.has(t)), ...columns];
  const idColumn = titles.includes('id') ? 'node_id' : 'id';
  const withLabel = [...graph.accounts.values()].some((a) => a.label !== undefined);
  const header = [idColumn, ...(withLabel ? ['label'] : []), ...titles];
  function* lines() {
    yield `${header.map((h) => csvField(h, delimiter)).join(delimiter)}\n`;
    for (const id of graph.nodeIds) {
      const account = graph.accounts.get(id);
      const cells = [csvField(id, delimiter)];
      if (withLabel) cells.push(csvField(account?.label ?? '', delimiter));
      for (const title of titles) {
        const value = account?.attributes[title];
        cells.push(value === undefined ? '' : valueField(value, delimiter));
      }
      yield `${cells.join(delimiter)}\n`;
    }
  }
  yield* batched(lines());
}
