/**
 * File transfer for niches, outside tRPC because files are large: upload a graph to import,
 * download a niche as CSV or GEXF. Same authentication, roles and CSRF rules as the API.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { requireRole } from '../auth/roles.ts';
import { formatFromName } from '../graph-files/graph-format.ts';
import { exportChunks, nicheExport } from '../imports/export.ts';
import { importFile } from '../imports/import.service.ts';
import { receiveParts } from '../imports/upload-receive.ts';
import { safeText } from '../lib/safe-text.ts';
import { requireNiche } from '../niches/niches.service.ts';
import type { AppDeps } from './app-deps.ts';
import { contextFromRequest } from './auth-context.ts';

const uploadFields = z.object({
  format: z.enum(['csv', 'gexf', 'graphml']).optional(),
  mutual: z.enum(['true', 'false', 'on', '1', '0']).optional(),
  accountsIdColumn: z.string().trim().min(1).max(100).optional(),
  delimiter: z.enum([',', ';', '\t', ' ', '|']).optional(),
});

export function nicheFiles(deps: AppDeps) {
  const app = new Hono();
  // Feature errors (AuthError, NicheError…) reach app.onError, which maps them with the API's table.
  const who = async (c: Parameters<typeof contextFromRequest>[0], write: boolean) => {
    const ctx = await contextFromRequest(
      c,
      new Headers(),
      { db: deps.database.db, secret: deps.secret, secureCookies: false },
      'http',
    );
    return requireRole(ctx.auth, write ? 'member' : 'viewer');
  };

  app.post('/niches/:id/import', async (c) => {
    const { workspaceId } = await who(c, true);
    const queue = deps.queue;
    if (!queue) throw new HTTPException(503, { message: 'Background jobs are not running.' });
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.startsWith('multipart/form-data'))
      throw new HTTPException(400, { message: 'Send the files as multipart/form-data.' });
    const db = deps.database.db;
    // Checks and claims the niche first (one upload at a time), then streams the files in.
    const { uploadId } = await importFile(
      db,
      { workspaceId, nicheId: c.req.param('id') },
      async (uploadId) => {
        const received = await receiveParts(db, uploadId, { contentType, body: c.req.raw.body }).catch(() => {
          throw new HTTPException(400, { message: 'Send the files as multipart/form-data.' });
        });
        const edges = received.files.edges;
        if (!edges || edges.bytes === 0)
          throw new HTTPException(400, { message: 'Choose an edges file to import.' });
        const fields = uploadFields.safeParse(
          Object.fromEntries(Object.entries(received.fields).filter(([, v]) => v !== '')),
        );
        if (!fields.success)
          throw new HTTPException(400, {
            message: fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          });
        const filename = safeText(edges.name).slice(0, 255);
        const format = fields.data.format ?? formatFromName(filename);
        if (!format)
          throw new HTTPException(400, {
            message: `Cannot tell the format of ${filename}: choose CSV, GEXF or GraphML.`,
          });
        if (format !== 'csv' && received.files.accounts?.bytes)
          throw new HTTPException(400, { message: 'An accounts file goes with a CSV edge list only.' });
        return {
          filename,
          format,
          options: {
            mutual: ['true', 'on', '1'].includes(fields.data.mutual ?? ''),
            accountsIdColumn: fields.data.accountsIdColumn,
            delimiter: fields.data.delimiter,
          },
        };
      },
      {
        queue,
        onCleanupError: (cause) => deps.logger.error({ err: cause }, 'could not drop an abandoned upload'),
      },
    );
    return c.json({ uploadId });
  });

  app.get('/niches/:id/export', async (c) => {
    const { workspaceId } = await who(c, false);
    const format = c.req.query('format') === 'gexf' ? 'gexf' : 'csv';
    const part = c.req.query('part') === 'accounts' ? 'accounts' : 'edges';
    const niche = await requireNiche(deps.database.db, workspaceId, c.req.param('id'));
    const { graph, snapshot } = await nicheExport(deps.database.db, niche.id);
    const name = `${niche.name.replace(/[^\w.-]+/g, '-')}${format === 'csv' ? `-${part}.csv` : '.gexf'}`;
    c.header(
      'content-type',
      format === 'gexf' ? 'application/gexf+xml; charset=utf-8' : 'text/csv; charset=utf-8',
    );
    c.header('content-disposition', `attachment; filename="${name}"`);
    return stream(c, async (s) => {
      for (const chunk of exportChunks(graph, format, part, snapshot)) await s.write(chunk);
    });
  });
  return app;
}
