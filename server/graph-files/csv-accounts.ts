/**
 * Account attributes from a CSV keyed by node id (e.g. the Twitch datasets' accounts.csv,
 * whose node ids are in `new_id`), added to a graph builder. The first row is the header.
 *
 *   await readAccountsCsv({ path: 'accounts.csv' }, builder, { idColumn: 'new_id' });
 *
 * Default id column: `node_id`, else `id`, else the first. Default label column: `label` if
 * present. Other columns become attributes, typed by `coerceValue` unless
 * `coerce: false`.
 */
import { coerceValue } from './attribute-values.ts';
import { type CsvReaderOptions, readCsvRows } from './csv-reader.ts';
import { ImportError } from './import.errors.ts';
import type { Attributes, GraphBuilder } from './imported-graph.ts';
import type { TextSource } from './text-source.ts';

export type AccountsCsvOptions = CsvReaderOptions & {
  idColumn?: string;
  /** `null`: no label column. */
  labelColumn?: string | null;
  coerce?: boolean;
};

export const readAccountsCsv = async (
  source: TextSource,
  builder: GraphBuilder,
  { idColumn, labelColumn, coerce = true, ...csv }: AccountsCsvOptions = {},
): Promise<{ rows: number; columns: string[] }> => {
  let header: string[] | null = null;
  let idAt = -1;
  let labelAt = -1;
  const { rows } = await readCsvRows(
    source,
    (fields, line) => {
      if (!header) {
        header = fields.map((f) => f.trim());
        const lower = header.map((h) => h.toLowerCase());
        const named = ['node_id', 'id'].map((name) => lower.indexOf(name)).find((i) => i >= 0);
        idAt = idColumn !== undefined ? header.indexOf(idColumn) : (named ?? 0);
        if (idAt === -1) {
          throw new ImportError('missing_column', `no column "${idColumn}" in the accounts header`, {
            line,
          });
        }
        labelAt =
          labelColumn === null
            ? -1
            : labelColumn !== undefined
              ? header.indexOf(labelColumn)
              : lower.findIndex((h, i) => i !== idAt && h === 'label');
        return;
      }
      const id = fields[idAt]?.trim();
      if (!id) throw new ImportError('parse_error', `accounts row ${line} has no id`, { line });
      const attributes: Attributes = {};
      for (let i = 0; i < header.length; i += 1) {
        if (i === idAt || i === labelAt) continue;
        const raw = fields[i] ?? '';
        const value = coerce ? coerceValue(raw) : raw === '' ? undefined : raw;
        if (value !== undefined) attributes[header[i]!] = value;
      }
      const label = labelAt >= 0 ? fields[labelAt] || undefined : undefined;
      builder.account(id, { label, attributes });
    },
    csv,
  );
  return { rows: Math.max(0, rows - 1), columns: header ?? [] };
};
