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
    const where = 'path' in source ? source.path : 'stream';
    throw new ImportError(
      'unreadable',
      `crawl/importers: cannot read ${where}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
