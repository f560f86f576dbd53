/**
 * Text that PostgreSQL and JSON can always store. PostgreSQL's text and jsonb refuse NUL
 * (U+0000), and a lone UTF-16 surrogate cannot be encoded as UTF-8: either one in a name
 * from a file, a remote server or a request must never reach a query, or an error message
 * that is stored, and take the process down with it.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what we remove.
const unsafe = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the text holds a NUL or a lone surrogate. */
export function hasUnsafeText(text: string): boolean {
  unsafe.lastIndex = 0;
  const found = unsafe.test(text);
  unsafe.lastIndex = 0;
  return found;
}

/** Removes NUL and replaces lone surrogates with U+FFFD. */
export function safeText(text: string): string {
  return text.replace(unsafe, (match) => (match === '\u0000' ? '' : '\uFFFD'));
}

/** Same as safeText for strings; walks arrays and plain objects (keys too), leaves the rest. */
export function safeDeep<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map(safeDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[safeText(key)] = safeDeep(v);
    return out as T;
  }
  return value;
}

/** An error's message, safe to store and show: no NUL, no lone surrogates, at most `max` characters. */
export function safeErrorText(error: unknown, max = 500): string {
  const raw = error instanceof Error ? error.message : String(error);
  const text = safeText(raw).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
