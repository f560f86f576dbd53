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

/** Fields of a line with quotes, or null when a quoted field runs past the end (a newline inside). */
export const parseQuotedLine = (text: string, delimiter: Delimiter, quote = '"'): string[] | null => {
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
  const fields: string[] = [];
  let i = ws ? text.length - text.trimStart().length : 0;
  for (;;) {
    let value = '';
    if (text.startsWith(quote, i)) {
      i += quote.length;
      for (;;) {
        const end = text.indexOf(quote, i);
        if (end === -1) return null;
        value += text.slice(i, end);
        i = end + quote.length;
        if (!text.startsWith(quote, i)) break;
        value += quote;
        i += quote.length;
      }
    }
    const [at, next] = findDelimiter(i);
    value += at === -1 ? text.slice(i) : text.slice(i, at); // lenient: keep stray text after a quote
    fields.push(value);
    if (at === -1) return fields;
    i = next;
    if (ws && i === text.length) return fields;
  }
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

/** Turns lines into rows: skips blanks and comments, splits, joins quoted fields across lines. */
export const createRowAssembler = (
  delimiter: () => Delimiter,
  onRow: CsvRowHandler,
  { quote = '"', comment = '#' }: Omit<CsvReaderOptions, 'delimiter'> = {},
): RowAssembler => {
  let pending: string | null = null;
  let lastLine = 0;
  const emit = (text: string, line: number) => {
    const fields = parseQuotedLine(text, delimiter(), quote);
    if (fields === null) pending = text;
    else {
      pending = null;
      onRow(fields, line);
    }
  };
  return {
    get pending() {
      return pending !== null;
    },
    line(text, start, end, line) {
      lastLine = line;
      if (pending !== null) return emit(`${pending}\n${text.slice(start, end)}`, line);
      if (start === end || (comment !== null && text.startsWith(comment, start))) return;
      const row = text.slice(start, end);
      if (row.indexOf(quote) !== -1) return emit(row, line);
      const sep = delimiter();
      onRow(sep === 'whitespace' ? splitWhitespace(row) : row.split(sep), line);
    },
    finish() {
      if (pending !== null) {
        throw new ImportError(
          'parse_error',
          `crawl/importers: unterminated quoted field at line ${lastLine}`,
          {
            line: lastLine,
          },
        );
      }
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
