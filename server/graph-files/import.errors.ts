/**
 * The importers' error type: a file the user handed us that we cannot read as a graph.
 * `line` is 1-based where known, so the CLI can point at the offending row.
 */

export type ImportErrorCode = 'parse_error' | 'missing_column' | 'unreadable';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  readonly line?: number;

  constructor(code: ImportErrorCode, message: string, details: { line?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.line = details.line;
  }
}
