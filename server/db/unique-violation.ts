/** A unique constraint the database enforced that no feature checked first (a race, usually). */
import { AppError } from '../lib/app-error.ts';

export type DbErrorCode = 'already_exists';

export class DbError extends AppError<DbErrorCode> {}

/** PostgreSQL unique_violation, from either driver (Drizzle wraps the driver error as `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
