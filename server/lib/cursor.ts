/**
 * Page cursors: the last row's sort key, opaque to clients (base64url of a JSON array).
 * A cursor comes back from the client, so decoding validates it against the caller's schema:
 * a crafted one gets a clear "invalid" error, never a query with a bad date, a non-uuid id or
 * a NUL byte that the database would refuse with a server error.
 */
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { hasUnsafeText } from './safe-text.ts';

export type CursorErrorCode = 'bad_cursor';

export class CursorError extends AppError<CursorErrorCode> {}

/** A text part of a cursor that is safe to send to the database. */
export const cursorText = z
  .string()
  .max(1000)
  .refine((text) => !hasUnsafeText(text));

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<T extends z.ZodTuple>(cursor: string, schema: T): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CursorError('bad_cursor', 'That page cursor is not valid: start from the first page.');
}
