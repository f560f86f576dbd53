/**
 * An uploaded file's bytes, read a chunk at a time, as text for the importers. Chunks are cut
 * at line breaks before decoding (UTF-8 and Windows-1252 never have a newline byte inside a
 * character), so the CSV reader gets whole lines without joining strings.
 *
 * XML files are decoded as they come instead (they may be one long line).
 *
 * Encoding: UTF-8 is checked strictly. A file that is not valid UTF-8 is read again as
 * Windows-1252 (a superset of Latin-1, what Excel writes when not told "CSV UTF-8"): every byte
 * means something there, so the import goes on and the upload carries a warning, rather than
 * turning each accented letter into U+FFFD without a word. UTF-16 is refused with a clear
 * message: its line breaks are two bytes, and nobody means to export a graph in it.
 */
import { ImportError } from '../graph-files/import.errors.ts';

export type ChunkReader = (seq: number) => Promise<Uint8Array | null>;
export type UploadEncoding = 'utf-8' | 'windows-1252';

export class NotUtf8Error extends Error {}

const looksUtf16 = (head: Uint8Array) => {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  // Without a byte-order mark: ASCII text in UTF-16 has a zero in every other byte.
  const sample = head.subarray(0, 1000);
  let zeros = 0;
  for (const byte of sample) if (byte === 0) zeros += 1;
  return sample.length >= 4 && zeros * 4 > sample.length;
};

export const utf16Message = (name: string) =>
  `${name} is a UTF-16 file, which is not supported; save it as UTF-8 and upload it again`;

/** Decoded text of a file, in chunks that end at line breaks (but the last). */
export async function* decodedText(
  read: ChunkReader,
  name: string,
  encoding: UploadEncoding = 'utf-8',
  /** False for XML, which may have no line breaks at all: chunks are decoded as they come. */
  lines = true,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new NotUtf8Error(`${name} is not valid UTF-8`);
    }
  };
  let rest: Uint8Array | null = null;
  for (let seq = 0; ; seq += 1) {
    const chunk = await read(seq);
    if (!chunk) break;
    if (seq === 0 && looksUtf16(chunk)) throw new ImportError('unreadable', utf16Message(name));
    if (!lines) {
      const text = decode(chunk, true);
      if (text) yield text;
      continue;
    }
    const nl = chunk.lastIndexOf(10);
    if (nl === -1) {
      rest = rest ? join(rest, chunk) : chunk;
      continue;
    }
    const head = rest ? join(rest, chunk.subarray(0, nl + 1)) : chunk.subarray(0, nl + 1);
    rest = chunk.subarray(nl + 1);
    const text = decode(head, true);
    if (text) yield text;
  }
  const last = decode(rest ?? new Uint8Array(0), false);
  if (last) yield last;
}

/** More than this without a line break is not a line: refuse it before joining costs memory. */
const MAX_LINE_BYTES = 4 << 20;

const join = (a: Uint8Array, b: Uint8Array) => {
  if (a.length + b.length > MAX_LINE_BYTES)
    throw new ImportError('parse_error', `a line is longer than ${MAX_LINE_BYTES} bytes`);
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};

/** The first `bytes` of a file as text (for guessing columns), decoded like the rest. */
export async function headText(read: ChunkReader, name: string, encoding: UploadEncoding, bytes: number) {
  let seen = 0;
  const limited: ChunkReader = async (seq) => {
    if (seen >= bytes) return null;
    const chunk = await read(seq);
    seen += chunk?.length ?? 0;
    return chunk;
  };
  let text = '';
  for await (const chunk of decodedText(limited, name, encoding)) text += chunk;
  return text;
}
