/**
 * A test database with Murmur's job queue and, optionally, its workers running in-process,
 * plus an app over them and three callers: a member and a viewer of "Agency", and an
 * outsider in another workspace.
 */
import pino from 'pino';
import { loadConfig } from '../../server/config.ts';
import { allJobs } from '../../server/jobs/all.ts';
import { startQueue } from '../../server/jobs/queue.ts';
import { startWorkers } from '../../server/jobs/registry.ts';
import { createTestApp, userInWorkspace } from './app.ts';
import { openTestDatabase, type TestDatabaseKind } from './database.ts';
import { tempDir } from './temp-dir.ts';

export async function openWorld(kind: TestDatabaseKind, options: { workers: boolean; prefix: string }) {
  const database = await openTestDatabase(kind);
  const logger = pino({ level: 'silent' });
  const queue = await startQueue(database, logger, allJobs);
  if (options.workers) {
    const config = loadConfig({ DATA_DIR: tempDir('murmur-world-') });
    await startWorkers({ database, logger, queue, config }, allJobs);
  }
  const app = createTestApp(database, { queue });
  const p = options.prefix;
  const member = await userInWorkspace(app, database, {
    email: `${p}-member@agency.test`,
    workspace: 'Agency',
  });
  const viewer = await userInWorkspace(app, database, {
    email: `${p}-viewer@agency.test`,
    workspace: 'Agency',
    role: 'viewer',
  });
  const outsider = await userInWorkspace(app, database, {
    email: `${p}-outsider@other.test`,
    workspace: 'Other',
  });
  return {
    database,
    queue,
    app,
    member,
    viewer,
    outsider,
    async close() {
      await queue.stop();
      await database.close();
    },
  };
}

export type World = Awaited<ReturnType<typeof openWorld>>;
