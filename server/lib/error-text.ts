/**
 * Error text that is safe to log, store or show. Drizzle's query errors read
 * "Failed query: <sql>\nparams: <values>", and the values are whatever the query bound: a
 * password hash, an API key's HMAC, a contact's personal data. Nothing outside the database
 * call may see them, so the params part is cut wherever an error's text goes.
 */
import { safeErrorText } from './safe-text.ts';

const paramsPart = /\nparams: [\s\S]*$/;

/** The message without Drizzle's bound parameters. */
export function withoutParams(message: string): string {
  return message.replace(paramsPart, '');
}

type ErrorLike = { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; cause?: unknown };

const isQueryError = (error: unknown): error is ErrorLike & { query: string } =>
  error instanceof Error && typeof (error as { query?: unknown }).query === 'string' && 'params' in error;

/**
 * A short, storable description of a failure: for a failed query, the database's own reason
 * (its cause), never the bound values; NUL and lone surrogates removed, at most `max` characters.
 */
export function publicErrorText(error: unknown, max = 500): string {
  if (isQueryError(error)) {
    const cause = error.cause instanceof Error ? withoutParams(error.cause.message) : undefined;
    return safeErrorText(cause ? `Database error: ${cause}` : withoutParams(String(error.message)), max);
  }
  return safeErrorText(error instanceof Error ? withoutParams(error.message) : String(error), max);
}

/**
 * pino's `err` serializer: name, message, stack, SQL state `code`, query text (no params) and
 * the cause chain, each without bound parameters. Other own properties (postgres.js keeps
 * `parameters`, Drizzle keeps `params`) are left out on purpose.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) {
    return typeof error === 'string' ? withoutParams(error) : error;
  }
  const e = error as Error & ErrorLike;
  const message = withoutParams(String(e.message));
  const stackLines = typeof e.stack === 'string' ? e.stack.split('\n    at ').slice(1) : [];
  const out: Record<string, unknown> = {
    type: e.name,
    message,
    stack: [`${e.name}: ${message}`, ...stackLines].join('\n    at '),
  };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (isQueryError(error)) out.query = error.query;
  if (e.cause !== undefined) out.cause = serializeError(e.cause, depth + 1);
  return out;
}
