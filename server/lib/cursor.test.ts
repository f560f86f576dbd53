import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CursorError, cursorText, decodeCursor, encodeCursor } from './cursor.ts';

const shape = z.tuple([z.iso.datetime(), z.uuid()]);
const id = '5f1d7a52-3c7e-4a8e-9a57-0e3c1f2b9d10';

describe('cursor', () => {
  it('gives back what it encoded', () => {
    const cursor = encodeCursor(['2026-03-01T10:00:00.000Z', id]);
    expect(decodeCursor(cursor, shape)).toEqual(['2026-03-01T10:00:00.000Z', id]);
  });

  const named = z.tuple([cursorText, z.uuid()]);
  it.each([
    ['not base64 JSON', 'nope', shape],
    ['the wrong shape', encodeCursor(['x']), shape],
    ['a bad date', encodeCursor(['yesterday', id]), shape],
    ['an id that is not a uuid', encodeCursor(['2026-03-01T10:00:00.000Z', "1' or 1=1"]), shape],
    ['a NUL byte', encodeCursor(['a\u0000b', id]), named],
    ['a lone surrogate', encodeCursor(['a\uD800b', id]), named],
  ])('refuses %s with an invalid-cursor error', (_, cursor, schema: z.ZodTuple) => {
    expect(() => decodeCursor(cursor, schema)).toThrow(CursorError);
    expect(() => decodeCursor(cursor, schema)).toThrow(/page cursor is not valid/);
  });
});
