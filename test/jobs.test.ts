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

  // Polls only every ten minutes: a job sent from this process must not wait for that poll.
  const delayed: number[] = [];
  const slowPoller = defineJob<{ n: number }>({
    name: 'test-slow-poller',
    options: { pollingIntervalSeconds: 600 },
    async run(data) {
      delayed.push(data.n);
    },
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const logger = pino({ level: 'silent' });
    queue = await startQueue(database, logger, [echo, flaky, slowPoller]);
    await startWorkers(
      { database, logger, queue, config: loadConfig({ DATA_DIR: '/tmp/murmur-jobs-test' }) },
      [echo as never, flaky as never, slowPoller as never],
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

  it("starts a job sent from this process when it is due, not at the workers' next poll", async () => {
    // The worker's first poll finds nothing; its next would be ten minutes on.
    await queue.send(slowPoller.name, { n: 1 });
    await expect.poll(() => delayed, { timeout: 30_000, interval: 100 }).toEqual([1]);
    await queue.send(slowPoller.name, { n: 2 }, { startAfter: 1 });
    await expect.poll(() => delayed, { timeout: 30_000, interval: 100 }).toEqual([1, 2]);
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
