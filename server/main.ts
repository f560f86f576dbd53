/** Wires the configured parts together and runs the HTTP server until told to stop. */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createLogger } from './adapters/logger.ts';
import type { Config } from './config.ts';
import { resumeInterruptedWork } from './crawl/crawl.recover.ts';
import type { Database } from './db/client.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { createApp } from './http/app.ts';
import { recoverImports } from './imports/import.recover.ts';
import { allJobs } from './jobs/all.ts';
import { type Queue, startQueue } from './jobs/queue.ts';
import { startWorkers } from './jobs/registry.ts';
import { projectRoot } from './lib/project-root.ts';
import { startInboxSync } from './outreach/inbox/inbox-sync.job.ts';
import { recoverPlans } from './plans/plans.recover.ts';

export const webRoot = join(projectRoot(), 'dist/web');

export type Running = {
  url: string;
  database: Database;
  queue: Queue;
  logger: Logger;
  close(): Promise<void>;
};

export type ServerOptions = {
  logger?: Logger;
  /** Run background jobs in this process too (default). Off when dedicated `murmur worker`s do it. */
  worker?: boolean;
};

export async function startServer(config: Config, options: ServerOptions = {}): Promise<Running> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  const queue = await startQueue(database, logger, allJobs);
  const app = createApp({
    database,
    queue,
    config,
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
  // Jobs start once the port answers: a job that fails at start must not keep the app from serving.
  if (options.worker ?? true) await startWorkers({ database, logger, config, queue }, allJobs);
  if (options.worker ?? true) await startInboxSync(database.db, queue);
  const resumed = await resumeInterruptedWork(database, queue);
  if (resumed > 0) logger.info({ crawls: resumed }, 'resuming interrupted crawls');
  logger.info(await recoverImports(database, queue), 'recovered imports');
  logger.info(await recoverPlans(database, queue), 'recovered plans');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, then close the database.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      // Running jobs get time to finish; what does not finish is retried by the next process.
      await queue.stop();
      await database.close();
      logger.info('Murmur stopped');
    })();
    return closing;
  };
  return { url, database, queue, logger, close };
}

/**
 * A promise nobody awaited that rejects (a library's fire-and-forget call, such as pg-boss
 * recording a job's outcome) would end the process under Node's default. One failed
 * background write must not take the app down for everyone: log it and keep serving.
 * Installed by the `serve` and `worker` commands, once per process.
 */
export function keepServingOnUnhandledRejection(logger: Logger) {
  if (rejectionHandlerInstalled) return;
  rejectionHandlerInstalled = true;
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection (kept serving)');
  });
}
let rejectionHandlerInstalled = false;

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

/** A worker process: runs background jobs against a shared PostgreSQL, no HTTP. */
export async function startWorker(config: Config, options: { logger?: Logger } = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (!config.databaseUrl) {
    throw new Error(
      'murmur worker needs DATABASE_URL: the embedded database belongs to one process, and `murmur serve` already runs its jobs.',
    );
  }
  const database = await openConfiguredDatabase(config);
  const queue = await startQueue(database, logger, allJobs);
  await startWorkers({ database, logger, config, queue }, allJobs);
  await startInboxSync(database.db, queue);
  logger.info({ jobs: allJobs.map((j) => j.name) }, 'Murmur worker is running');
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= queue.stop().then(() => database.close());
    return closing;
  };
  return { database, queue, logger, close };
}
