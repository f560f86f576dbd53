/** Wires the configured parts together and runs the HTTP server until told to stop. */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createLogger } from './adapters/logger.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { createApp } from './http/app.ts';

export const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

export type Running = { url: string; database: Database; logger: Logger; close(): Promise<void> };

export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<Running> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  const app = createApp({
    database,
    secret: config.sessionSecret,
    logger,
    webRoot,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as Server),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, database: database.kind }, 'Murmur is listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, then close the database.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      await database.close();
      logger.info('Murmur stopped');
    })();
    return closing;
  };
  return { url, database, logger, close };
}

/** Stops cleanly on SIGTERM/SIGINT and exits 0. */
export function stopOnSignals(running: Pick<Running, 'close' | 'logger'>) {
  const stop = (signal: string) => {
    running.logger.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      (error) => {
        running.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
