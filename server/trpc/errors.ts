/**
 * Features throw their own errors with a string `code`; this file is the one place that
 * turns them into tRPC errors (and so HTTP statuses). The original error stays as `cause`.
 */
import { TRPCError } from '@trpc/server';

export type AppErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'too_many_requests'
  | 'precondition_failed';

/** Base for every feature's typed error: `class ContactError extends AppError<'duplicate_handle'>`. */
export class AppError<Reason extends string = string> extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly reason?: Reason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

const trpcCodes: Record<AppErrorCode, TRPCError['code']> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  forbidden: 'FORBIDDEN',
  unauthorized: 'UNAUTHORIZED',
  too_many_requests: 'TOO_MANY_REQUESTS',
  precondition_failed: 'PRECONDITION_FAILED',
};

export function toTRPCError(error: unknown): TRPCError | undefined {
  if (error instanceof AppError) {
    return new TRPCError({ code: trpcCodes[error.code], message: error.message, cause: error });
  }
  if (isUniqueViolation(error)) {
    return new TRPCError({ code: 'CONFLICT', message: 'That already exists.', cause: error });
  }
  return undefined;
}

/** PostgreSQL unique_violation, from either driver (Drizzle wraps the driver error as `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
