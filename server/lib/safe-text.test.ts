import { describe, expect, it } from 'vitest';
import { hasUnsafeText, safeDeep, safeErrorText, safeText } from './safe-text.ts';

describe('safe text', () => {
  it('removes NUL and replaces lone surrogates, keeping real pairs', () => {
    expect(safeText('a\u0000b')).toBe('ab');
    expect(safeText('x\uD800y')).toBe('x\uFFFDy');
    expect(safeText('x\uDC00y')).toBe('x\uFFFDy');
    expect(safeText('emoji 😀 ok')).toBe('emoji 😀 ok');
    expect(hasUnsafeText('fine 😀')).toBe(false);
    expect(hasUnsafeText('bad\u0000')).toBe(true);
    expect(hasUnsafeText('bad\uD83D')).toBe(true);
  });

  it('cleans nested values and error messages', () => {
    expect(safeDeep({ 'k\u0000': ['v\u0000', 1, { n: 'a\uD800' }] })).toEqual({
      k: ['v', 1, { n: 'a\uFFFD' }],
    });
    expect(safeErrorText(new Error(`bad\u0000 ${'x'.repeat(600)}`), 20)).toHaveLength(20);
  });
});
