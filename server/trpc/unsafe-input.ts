/**
 * Where a request's input holds text PostgreSQL cannot store (NUL, a lone surrogate), so the
 * API refuses it with a 400 naming the field instead of failing inside a query.
 */
import { hasUnsafeText } from '../lib/safe-text.ts';

/** The path of the first unsafe string or key ('' for the input itself), or undefined. */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return hasUnsafeText(value) ? path.join('.') : undefined;
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    if (hasUnsafeText(key)) return [...path, key].join('.');
    const found = findUnsafeText(v, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
