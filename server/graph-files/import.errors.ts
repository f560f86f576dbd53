/**
 * The importers' error type: a file the user handed us that we cannot read as a graph.
 * `line` is 1-based where known, so the CLI can point at the offending row.
 */
import { AppError } from '../lib/app-error.ts';

export type ImportErrorCode =
  | 'parse_error'
  | 'missing_column'
  | 'unreadable'
  | 'no_edges' // the file parsed but holds no edge
  | 'gave_up'; // the import kept stopping part-way (the file may be too large for this server)

export class ImportError extends AppError<ImportErrorCode> {
  readonly line?: number;

  constructor(code: ImportErrorCode, message: string, details: { line?: number; cause?: unknown } = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.line = details.line;
  }
}
