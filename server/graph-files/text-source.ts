/**
 * Where importers read text from: a file path, a string, or any stream of bytes or strings
 * (an upload). Decodes UTF-8 across chunk boundaries and drops a byte-order mark.
 *
 *   for await (const chunk of textChunks({ path: 'edges.csv' })) …
 */
import { createReadStream } from 'node:fs';
import { ImportError } from './import.errors.ts';

export type TextSource = { path: string } | { text: string } | AsyncIterable<string | Uint8Array>;

const CHUNK_BYTES = 1 << 20;

export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  if ('text' in source) {
    yield source.text.replace(/^\uFEFF/, '');
    return;
  }
  const stream: AsyncIterable<string | Uint8Array> =
    'path' in source ? createReadStream(source.path, { highWaterMark: CHUNK_BYTES }) : source;
  const decoder = new TextDecoder('utf-8');
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (text) yield text;
    }
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    const where = 'path' in source ? source.path : 'stream';
    throw new ImportError('unreadable', `cannot read ${where}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Past this, a "line" is a file without line breaks: refuse it before joining costs memory. */
const MAX_LINE_BYTES = 4 << 20;

const tooLong = () => new ImportError('parse_error', `a line is longer than ${MAX_LINE_BYTES} bytes`);

const joinBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length + b.length > MAX_LINE_BYTES) throw tooLong();
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};

/**
 * Like `textChunks`, but every chunk but the last ends with a line break, and byte sources are
 * decoded a whole number of lines at a time. No chunk is a concatenation of two strings, which
 * matters for speed: V8 reads characters of a flat string much faster than of a joined one.
 * (UTF-8 never has a newline byte inside a character, so cutting at newline bytes is safe.)
 */
export async function* lineChunks(source: TextSource): AsyncGenerator<string> {
  if ('text' in source) {
    yield* textChunks(source);
    return;
  }
  const stream: AsyncIterable<string | Uint8Array> =
    'path' in source ? createReadStream(source.path, { highWaterMark: CHUNK_BYTES }) : source;
  const decoder = new TextDecoder('utf-8');
  let bytes: Uint8Array | null = null;
  let chars = '';
  let first = true;
  const clean = (text: string) => {
    if (!first) return text;
    first = false;
    return text.replace(/^\uFEFF/, '');
  };
  try {
    for await (const chunk of stream) {
      if (typeof chunk === 'string') {
        const text = chars + chunk;
        const nl = text.lastIndexOf('\n');
        chars = nl === -1 ? text : text.slice(nl + 1);
        if (chars.length > MAX_LINE_BYTES) throw tooLong();
        if (nl !== -1) yield clean(text.slice(0, nl + 1));
        continue;
      }
      const nl = chunk.lastIndexOf(10);
      if (nl === -1) {
        bytes = bytes ? joinBytes(bytes, chunk) : chunk.slice();
        continue;
      }
      const head = bytes ? joinBytes(bytes, chunk.subarray(0, nl + 1)) : chunk.subarray(0, nl + 1);
      bytes = chunk.slice(nl + 1);
      yield clean(decoder.decode(head));
    }
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    const where = 'path' in source ? source.path : 'stream';
    throw new ImportError('unreadable', `cannot read ${where}: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (bytes?.length) yield clean(decoder.decode(bytes));
  if (chars) yield clean(chars);
}
