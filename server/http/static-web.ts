import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the built web app from `root`; any other GET that is not an API path gets
 * index.html so client-side routes survive a reload.
 */
export function staticWeb(root: string): MiddlewareHandler {
  return async function web(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodeURIComponent(c.req.path);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return next();
    const found = await stat(file).catch(() => null);
    if (found?.isFile()) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(path)) return next();
    const index = await readFile(join(root, 'index.html')).catch(() => null);
    if (!index) {
      return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).', 503);
    }
    return c.body(index, 200, { 'content-type': types['.html'], 'cache-control': 'no-cache' });
  };
}
