import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { type Queue, startQueue } from '../server/jobs/queue.ts';
import { defineJob, startWorkers } from '../server/jobs/registry.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('background jobs on %s', (kind) => {
  let database: Database;
  let queue: Queue;
  const seen: number[] = [];
  let attempts = 0;
  const echo = defineJob<{ n: number }>({
    name: 'test-echo',
    policy: 'short',
    options: { pollingIntervalSeconds: 0.5 },
    async run(data) {
      seen.push(data.n);
    },
  });
  const flaky = defineJob<{ n: number }>({
    name: 'test-flaky',
    options: { pollingIntervalSeconds: 0.5 },
    async run() {
      attempts++;
      if (attempts === 1) throw new Error('first attempt fails');
    },
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const logger = pino({ level: 'silent' });
    queue = await startQueue(database, logger, [echo, flaky]);
    await startWorkers(
      { database, logger, queue, config: loadConfig({ DATA_DIR: '/tmp/murmur-jobs-test' }) },
      [echo as never, flaky as never],
    );
  });
  afterAll(async () => {
    await queue.stop();
    await database.close();
  });

  it('runs queued jobs in the same database', async () => {
    await queue.send(echo.name, { n: 1 }, { singletonKey: 'one' });
    await queue.send(echo.name, { n: 2 }, { singletonKey: 'two' });
    await expect.poll(() => [...seen].sort(), { timeout: 15_000, interval: 200 }).toEqual([1, 2]);
  });

  it('keeps one queued job per singleton key', async () => {
    const first = await queue.send(echo.name, { n: 3 }, { singletonKey: 'niche-1', startAfter: 3600 });
    const second = await queue.send(echo.name, { n: 4 }, { singletonKey: 'niche-1', startAfter: 3600 });
    expect(first).toBeTypeOf('string');
    expect(second).toBeNull();
  });

  it('retries a failed job', async () => {
    await queue.send(flaky.name, { n: 1 }, { retryLimit: 2, retryDelay: 0 });
    await expect.poll(() => attempts, { timeout: 20_000, interval: 200 }).toBe(2);
  });
});
