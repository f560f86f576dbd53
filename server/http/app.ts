/** The Hono app: health, the tRPC API and the web app. Built from its dependencies; starts nothing. */
import { getConnInfo } from '@hono/node-server/conninfo';
import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { internalErrorMessage } from '../lib/request-id.ts';
import { unsubscribeRoutes } from '../outreach/unsubscribe.routes.ts';
import { toHttpError } from '../trpc/errors.ts';
import { appRouter } from '../trpc/router.ts';
import type { AppDeps } from './app-deps.ts';
import { contextFromRequest } from './auth-context.ts';
import { csrfProtection } from './csrf.ts';
import { nicheFiles } from './niche-files.ts';
import { requestLog } from './request-log.ts';
import { staticWeb } from './static-web.ts';

export function createApp(deps: AppDeps) {
  const app = new Hono();
  const maxBody = deps.maxBodyBytes ?? 1024 * 1024;
  const maxBatch = 20;

  app.use(requestLog(deps.logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await deps.database.raw.query('select 1');
      return c.json({ ok: true, database: deps.database.kind });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      return c.json({ ok: false, error: 'database unavailable' }, 503);
    }
  });

  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        c.json({ error: { message: `Request body is larger than ${Math.round(maxBody / 1024)} KiB.` } }, 400),
    }),
    csrfProtection(),
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      // A batch is answered in one response: a hundred heavy queries in one GET starve everyone else.
      maxBatchSize: maxBatch,
      createContext: (opts, c) =>
        contextFromRequest(
          c,
          opts.resHeaders,
          { ...deps, db: deps.database.db, secureCookies: deps.secureCookies ?? false },
          clientIp(c),
        ),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          deps.logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    }),
  );

  app.use(
    '/api/*',
    bodyLimit({
      // Uploads stream to the database, but the import holds the graph in memory: this is the
      // size imported within bounded memory (README, bench:import).
      maxSize: 256 * 1024 * 1024,
      onError: (c) => c.json({ error: { message: 'Files larger than 256 MiB cannot be uploaded.' } }, 413),
    }),
    csrfProtection(),
  );
  // Route ids reach queries as uuids: anything else is the client's mistake, not a 500.
  app.use('/api/niches/:id/*', async (c, next) => {
    if (!uuidPattern.test(c.req.param('id')))
      return c.json({ error: { message: 'That is not a niche id.' } }, 400);
    return next();
  });
  app.route('/api', nicheFiles(deps));
  app.route('/unsubscribe', unsubscribeRoutes(deps));

  if (deps.webRoot) app.use(staticWeb(deps.webRoot));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: { message: error.message } }, error.status);
    // A feature's error gets the status the tRPC API would give it: one table, in trpc/errors.ts.
    const known = toHttpError(error);
    if (known && known.status < 500) {
      const { status, message, code } = known;
      return c.json({ error: { message, code } }, status as ContentfulStatusCode);
    }
    deps.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: { message: internalErrorMessage() } }, 500);
  });
  app.notFound((c) => c.json({ error: { message: 'Not found.' } }, 404));
  return app;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clientIp(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}
