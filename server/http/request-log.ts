import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One JSON line per request. Only the path is logged: query strings carry tRPC inputs
 * (search terms, personal data), and headers carry cookies and keys.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function log(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    if (c.res.status >= 500) logger.error(entry, 'request');
    else logger.info(entry, 'request');
  };
}
