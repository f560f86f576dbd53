/**
 * Writing a writer's chunks to a file with backpressure, and batching small strings into
 * large writes.
 *
 *   await writeTextFile('graph.gexf', gexfChunks(graph));
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const BATCH_CHARS = 1 << 16;

/** Joins a stream of small strings into ~64 KiB pieces. */
export function* batched(parts: Iterable<string>): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const part of parts) {
    buffer.push(part);
    size += part.length;
    if (size >= BATCH_CHARS) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (size > 0) yield buffer.join('');
}

export const writeTextFile = async (path: string, chunks: Iterable<string>): Promise<void> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => {});
  for (const chunk of chunks) {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
};
