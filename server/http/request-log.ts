import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { newRequestId, withRequestId } from '../lib/request-id.ts';

/**
 * One JSON line per request. Only the path is logged: query strings carry tRPC inputs
 * (search terms, personal data), and headers carry cookies and keys. Every request gets an
 * id, sent back as `x-request-id` and carried by every log line written while serving it, so
 * an "internal error, request id …" a user reports leads to its log lines.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function log(c, next) {
    const requestId = newRequestId();
    const started = performance.now();
    c.header('x-request-id', requestId);
    await withRequestId(requestId, next);
    if (c.res.headers.get('x-request-id') !== requestId) c.header('x-request-id', requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = { method: c.req.method, path: c.req.path, status: c.res.status, ms, requestId };
    if (c.res.status >= 500) logger.error(entry, 'request');
    else logger.info(entry, 'request');
  };
}
