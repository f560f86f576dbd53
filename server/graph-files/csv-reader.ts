/**
 * A streaming CSV/TSV row reader fast enough for multi-million-line edge lists: lines without
 * a quote character take a plain `split`; only quoted lines go through the RFC 4180 parser
 * (doubled quotes, delimiters and newlines inside quotes). Handles CRLF, a BOM, blank lines
 * and comment lines; detects the delimiter from the first lines unless given.
 *
 *   const { rows, delimiter } = await readCsvRows({ path: 'edges.csv' }, (fields, line) => …);
 *   detectDelimiter('a\tb\nc\td\n') === '\t'
 */
import { ImportError } from './import.errors.ts';
import { lineChunks, type TextSource } from './text-source.ts';

/** A delimiter string, or `'whitespace'` for runs of spaces and tabs (SNAP-style files). */
export type Delimiter = string;

export type CsvReaderOptions = {
  delimiter?: Delimiter;
  quote?: string;
  /** Lines starting with this are skipped; `null` keeps them. Default `#`. */
  comment?: string | null;
};

export type CsvRowHandler = (fields: string[], line: number) => void;

const CANDIDATES = [',', '\t', ';', '|'];
const SAMPLE_LINES = 20;

export const detectDelimiter = (sample: string, comment: string | null = '#'): Delimiter => {
  const lines = sample
    .split('\n', SAMPLE_LINES * 4)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() && !(comment && l.startsWith(comment)))
    .slice(0, SAMPLE_LINES);
  // Quoted fields may hide delimiters or span lines; judge by the plain lines when there are any.
  const plain = lines.filter((l) => !l.includes('"'));
  if (plain.length > 0) lines.splice(0, lines.length, ...plain);
  let best: Delimiter | null = null;
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const counts = lines.map((l) => l.split(candidate).length - 1);
    const least = Math.min(...counts);
    if (least > bestCount) {
      best = candidate;
      bestCount = least;
    }
  }
  if (best) return best;
  return lines.some((l) => /\S[ \t]+\S/.test(l)) ? 'whitespace' : ',';
};

const splitWhitespace = (line: string) => line.trim().split(/[ \t]+/);

/** A quoted field still open at the end of a line: the fields before it and its text so far. */
export type OpenField = { fields: string[]; value: string };

/**
 * Fields of a line with quotes, or the open field when a quoted field runs past the end (a
 * newline inside). Pass that back with the next line to carry on where it stopped: each line is
 * read once, however many lines a quoted field spans.
 */
export const continueQuotedLine = (
  text: string,
  delimiter: Delimiter,
  quote = '"',
  open?: OpenField,
): string[] | OpenField => {
  const ws = delimiter === 'whitespace';
  const findDelimiter = (from: number): [number, number] => {
    if (!ws) {
      const at = text.indexOf(delimiter, from);
      return [at, at + delimiter.length];
    }
    const match = /[ \t]+/g;
    match.lastIndex = from;
    const found = match.exec(text);
    return found ? [found.index, found.index + found[0].length] : [-1, -1];
  };
  const fields = open ? open.fields : [];
  let i = open || !ws ? 0 : text.length - text.trimStart().length;
  let value = open ? `${open.value}\n` : '';
  let quoted = open !== undefined;
  for (;;) {
    if (!quoted && text.startsWith(quote, i)) {
      i += quote.length;
      quoted = true;
    }
    if (quoted) {
      for (;;) {
        const end = text.indexOf(quote, i);
        if (end === -1) return { fields, value: value + text.slice(i) };
        value += text.slice(i, end);
        i = end + quote.length;
        if (!text.startsWith(quote, i)) break;
        value += quote;
        i += quote.length;
      }
      quoted = false;
    }
    const [at, next] = findDelimiter(i);
    value += at === -1 ? text.slice(i) : text.slice(i, at); // lenient: keep stray text after a quote
    fields.push(value);
    value = '';
    if (at === -1) return fields;
    i = next;
    if (ws && i === text.length) return fields;
  }
};

/** Fields of a line with quotes, or null when a quoted field runs past the end (a newline inside). */
export const parseQuotedLine = (text: string, delimiter: Delimiter, quote = '"'): string[] | null => {
  const result = continueQuotedLine(text, delimiter, quote);
  return Array.isArray(result) ? result : null;
};

export type LineHandler = (text: string, start: number, end: number, line: number) => void;

/**
 * Calls `onLine` for every line as a range of a chunk's text (no `\r`, no `\n`), without
 * slicing: the caller decides what to cut out. Returns the number of lines.
 */
export const scanLines = async (source: TextSource, onLine: LineHandler): Promise<number> => {
  let line = 0;
  for await (const text of lineChunks(source)) {
    let start = 0;
    for (let nl = text.indexOf('\n'); start < text.length; nl = text.indexOf('\n', start)) {
      const stop = nl === -1 ? text.length : nl;
      line += 1;
      onLine(text, start, stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop, line);
      start = stop + 1;
    }
  }
  return line;
};

/** The delimiter from the lines starting at `start` (whole lines only, up to 64 KiB). */
export const detectDelimiterAt = (text: string, start: number, comment: string | null): Delimiter => {
  const sample = text.slice(start, start + 65_536);
  const lastNewline = sample.lastIndexOf('\n');
  return detectDelimiter(lastNewline > 0 ? sample.slice(0, lastNewline) : sample, comment);
};

export type RowAssembler = { line: LineHandler; readonly pending: boolean; finish(): void };

/** Limits that keep a hostile file from costing more than a clear error. */
export const CSV_LIMITS = { columns: 1000, lineChars: 1 << 20 } as const;

const tooManyColumns = (line: number) =>
  new ImportError('parse_error', `line ${line} has more than ${CSV_LIMITS.columns} columns`, {
    line,
  });

/** Throws when a line is longer than the limit; the fast edge path calls it too. */
export const checkLineLength = (start: number, end: number, line: number) => {
  if (end - start > CSV_LIMITS.lineChars)
    throw new ImportError('parse_error', `line ${line} is longer than ${CSV_LIMITS.lineChars} characters`, {
      line,
    });
};

/** Turns lines into rows: skips blanks and comments, splits, joins quoted fields across lines. */
export const createRowAssembler = (
  delimiter: () => Delimiter,
  onRow: CsvRowHandler,
  { quote = '"', comment = '#' }: Omit<CsvReaderOptions, 'delimiter'> = {},
): RowAssembler => {
  let open: OpenField | null = null;
  let openedAt = 0;
  const emit = (fields: string[], line: number) => {
    if (fields.length > CSV_LIMITS.columns) throw tooManyColumns(line);
    onRow(fields, line);
  };
  const unclosed = () =>
    new ImportError('parse_error', `line ${openedAt}: a quoted field is never closed`, {
      line: openedAt,
    });
  const parse = (row: string, line: number) => {
    const result = continueQuotedLine(row, delimiter(), quote, open ?? undefined);
    if (Array.isArray(result)) {
      open = null;
      return emit(result, openedAt || line);
    }
    if (result.fields.length > CSV_LIMITS.columns) throw tooManyColumns(openedAt || line);
    // A field that long is a quote left open, not a value: stop before it costs memory.
    if (result.value.length > CSV_LIMITS.lineChars) throw unclosed();
    open = result;
  };
  return {
    get pending() {
      return open !== null;
    },
    line(text, start, end, line) {
      checkLineLength(start, end, line);
      if (open !== null) return parse(text.slice(start, end), line);
      openedAt = 0;
      if (start === end || (comment !== null && text.startsWith(comment, start))) return;
      const row = text.slice(start, end);
      if (row.indexOf(quote) !== -1) {
        openedAt = line;
        parse(row, line);
        if (open === null) openedAt = 0;
        return;
      }
      const sep = delimiter();
      emit(sep === 'whitespace' ? splitWhitespace(row) : row.split(sep, CSV_LIMITS.columns + 1), line);
    },
    finish() {
      if (open !== null) throw unclosed();
    },
  };
};

export const readCsvRows = async (
  source: TextSource,
  onRow: CsvRowHandler,
  options: CsvReaderOptions = {},
): Promise<{ rows: number; delimiter: Delimiter }> => {
  const comment = options.comment === undefined ? '#' : options.comment;
  let delimiter = options.delimiter;
  let rows = 0;
  const assembler = createRowAssembler(
    () => delimiter ?? ',',
    (fields, line) => {
      rows += 1;
      onRow(fields, line);
    },
    { quote: options.quote, comment },
  );
  await scanLines(source, (text, start, end, line) => {
    const blank = start === end || (comment !== null && text.startsWith(comment, start));
    if (delimiter === undefined && !blank) delimiter = detectDelimiterAt(text, start, comment);
    assembler.line(text, start, end, line);
  });
  assembler.finish();
  return { rows, delimiter: delimiter ?? ',' };
};
