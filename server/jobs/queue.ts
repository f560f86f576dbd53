/**
 * Background work on pg-boss queues inside Murmur's own database, so any number of
 * `murmur worker` processes on other machines share it. On embedded PGlite the queue runs
 * through an adapter over the same single connection (PGlite serialises queries and
 * transactions itself).
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';

export type Queue = {
  boss: PgBoss;
  /** Enqueue; with a singletonKey, at most one queued-or-active job per key. */
  send<T extends object>(name: string, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
  work<T extends object>(
    name: string,
    options: PgBoss.WorkOptions,
    handler: (job: PgBoss.Job<T>) => Promise<void>,
  ): Promise<string>;
  /**
   * Aborted when this process's queue starts stopping: a job that waits for a long time (an IMAP
   * IDLE watch) ends its wait, finishes what it holds and gives its locks back.
   */
  stopping: AbortSignal;
  stop(): Promise<void>;
};

/** Delayed jobs further off than this are left to the workers' polling. */
const MAX_WAKE_SECONDS = 300;
/** The job becomes fetchable by the database's clock, which may run a little behind this one. */
const WAKE_MARGIN_MS = 50;

export type QueueSpec = { name: string; policy?: PgBoss.QueuePolicy };

export async function startQueue(database: Database, logger: Logger, queues: QueueSpec[]): Promise<Queue> {
  const boss =
    database.kind === 'postgres' && database.url
      ? new PgBoss({ connectionString: database.url, max: 4, application_name: 'murmur-jobs' })
      : new PgBoss({ db: pgliteExecutor(database) });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const { name, policy } of queues) {
    // createQueue does nothing when the queue exists.
    await boss.createQueue(name, { name, policy: policy ?? 'standard' });
  }
  // This process's workers per queue: a job sent here wakes them at once instead of waiting for
  // their next poll (workers in other processes still find it by polling).
  const local = new Map<string, string[]>();
  const wake = (name: string) => {
    for (const worker of local.get(name) ?? []) boss.notifyWorker(worker);
  };
  // A job sent here for a few seconds from now wakes them then, not at the poll after.
  const timers = new Set<NodeJS.Timeout>();
  const stopping = new AbortController();
  const wakeLater = (name: string, seconds: number) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        wake(name);
      },
      seconds * 1000 + WAKE_MARGIN_MS,
    );
    timer.unref();
    timers.add(timer);
  };
  return {
    boss,
    async send(name, data, options = {}) {
      const id = await boss.send(name, data, options);
      if (!id) return id;
      // A job that reschedules itself must wait at least a second when it has nothing to do, or
      // waking at once would make it spin (see tracking.job.ts, send.job.ts).
      const { startAfter } = options;
      if (!startAfter) wake(name);
      else if (typeof startAfter === 'number' && startAfter <= MAX_WAKE_SECONDS) wakeLater(name, startAfter);
      return id;
    },
    async work(name, options, handler) {
      const worker = await boss.work(name, { ...options, batchSize: 1 }, async ([job]) => {
        if (job) await handler(job as never);
      });
      local.set(name, [...(local.get(name) ?? []), worker]);
      return worker;
    },
    stopping: stopping.signal,
    stop: () => {
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}

/** pg-boss's `db` option: run its SQL on PGlite (multi-statement scripts without parameters go through exec). */
function pgliteExecutor(database: Database) {
  const pglite = database.pglite;
  if (!pglite) throw new Error('jobs: the embedded database has no PGlite handle');
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return pglite.query(text, values);
      const results = await pglite.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}
