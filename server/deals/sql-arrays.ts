/**
 * A PostgreSQL array literal for one bound parameter (`${uuidArray(ids)}::uuid[]`): both drivers
 * pass it as text, where a JS array would be spread into separate parameters by Drizzle.
 */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
