/**
 * One entry point for `murmur import`: picks the reader by format or file extension.
 *
 *   const graph = await importGraphFile({ path: 'votes.tsv' });
 *   const graph = await importGraphFile({ path: 'edges.csv', accountsPath: 'accounts.csv',
 *     accountsOptions: { idColumn: 'new_id' }, directed: false, expandUndirected: true });
 */
import { extname } from 'node:path';
import type { AccountsCsvOptions } from './csv-accounts.ts';
import { type EdgeCsvOptions, importCsvGraph } from './csv-edges.ts';
import { importGexf } from './gexf-reader.ts';
import { importGraphml } from './graphml-reader.ts';
import { ImportError } from './import.errors.ts';
import type { ImportedGraph } from './imported-graph.ts';

export type GraphFileFormat = 'csv' | 'gexf' | 'graphml';

export type ImportGraphFileOptions = EdgeCsvOptions & {
  path: string;
  format?: GraphFileFormat;
  /** CSV only: an accounts file with attributes keyed by node id. */
  accountsPath?: string;
  accountsOptions?: AccountsCsvOptions;
  /** CSV only: lines are mutual ties rather than follows. */
  directed?: boolean;
  expandUndirected?: boolean;
};

export const formatOf = (path: string): GraphFileFormat => {
  const ext = extname(path).toLowerCase();
  if (ext === '.gexf') return 'gexf';
  if (ext === '.graphml' || ext === '.xml') return 'graphml';
  if (['.csv', '.tsv', '.txt', '.edges', '.edgelist'].includes(ext)) return 'csv';
  throw new ImportError('unreadable', `cannot tell the format of ${path}; pass format`);
};

export const importGraphFile = ({
  path,
  format = formatOf(path),
  accountsPath,
  accountsOptions,
  directed,
  expandUndirected,
  ...csv
}: ImportGraphFileOptions): Promise<ImportedGraph> => {
  if (format === 'gexf') return importGexf({ path }, { expandUndirected });
  if (format === 'graphml') return importGraphml({ path }, { expandUndirected });
  return importCsvGraph({
    edges: { path },
    accounts: accountsPath ? { path: accountsPath } : undefined,
    accountsOptions,
    directed,
    expandUndirected,
    ...csv,
  });
};
