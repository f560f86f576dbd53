/**
 * Small SQL helpers that smooth over the two drivers (postgres.js and PGlite), so features
 * write one query for both.
 */

/**
 * A PostgreSQL array literal for one bound parameter (`${uuidArray(ids)}::uuid[]`): both drivers
 * pass it as text, where a JS array would be spread into separate parameters by Drizzle.
 */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/** The rows of a `db.execute` result: postgres.js returns the rows themselves, PGlite a result with `rows`. */
export function rowsOf<T>(result: T[] | { rows: T[] }): T[] {
  return Array.isArray(result) ? result : result.rows;
}
