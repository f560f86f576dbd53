/**
 * The polling loop as `murmur serve` and `murmur worker` run it: the real pg-boss workers for
 * every job, on a clock the test moves. Tracking a post starts the self-rescheduling
 * `tracking-tick`; it polls the post when the clock reaches its next poll, schedules the one
 * after on the decaying schedule (every 15 minutes the first day, hourly after), and each poll
 * leaves a snapshot. The test waits for snapshot rows, never for time.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { allJobs } from '../server/jobs/all.ts';
import { type Queue, startQueue } from '../server/jobs/queue.ts';
import { startWorkers } from '../server/jobs/registry.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { createManualClock } from './fakes/scaled-clock.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDatabaseKinds)('the tracking tick on real workers on %s', (kind) => {
  const graph = buildFakeGraph({
    edges: Array.from({ length: 4 }, (_, i) => [`fan${i}`, 'star'] as [string, string]),
  });
  const star = graph.byName.get('userstar')!;
  const postedAt = Date.parse('2026-03-02T10:00:00Z');
  const clock = createManualClock(postedAt + 5 * MINUTE);
  const now = () => new Date(clock.now());
  let database: Database;
  let queue: Queue;
  let bsky: FakeBluesky;
  let mia: Api;

  beforeAll(async () => {
    bsky = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    database = await openTestDatabase(kind);
    const logger = pino({ level: 'silent' });
    const config = loadConfig({
      DATA_DIR: tempDir('murmur-tick-'),
      SESSION_SECRET: 'x'.repeat(40),
      BLUESKY_APPVIEW_URL: bsky.url,
    });
    // As main.ts wires them: one queue, every job's workers, here on the test's clock.
    queue = await startQueue(database, logger, allJobs);
    await startWorkers({ database, logger, queue, config, clock }, allJobs);
    const app = createTestApp(database, { queue });
    const session = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    mia = callerFor(database, session, { now, queue, config });
  });
  afterAll(async () => {
    await queue?.stop();
    await bsky?.close();
    await database?.close();
  });

  it('polls a tracked post when it is due, on the decaying schedule, snapshot after snapshot', async () => {
    const campaign = await mia.campaigns.create({
      name: 'Star Launch',
      currency: 'EUR',
      endsOn: '2026-03-20',
    });
    const contact = await mia.contacts.create({
      name: 'Star',
      socialAccounts: [{ platform: 'bluesky', handle: bsky.handle(star) }],
    });
    const { added } = await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
    graph.accounts[star]!.posts[0]!.createdAt = new Date(postedAt).toISOString();
    const likes = bsky.spread.on(star, 0).likes;
    likes.push({ by: graph.byName.get('userfan0')!, at: new Date(postedAt).toISOString() });
    const url = `https://bsky.app/profile/${bsky.handle(star)}/post/3kfake${star.toString(36)}p0`;
    const { id } = await mia.tracking.track({ dealId: added[0]!.dealId, url });
    const post = () => mia.tracking.byId({ id });
    const iso = (ms: number) => new Date(ms).toISOString();
    const t0 = clock.now();
    expect(await post()).toMatchObject({ nextPollAt: iso(t0 + 15 * MINUTE) });

    // Tracking started the tick; when the clock reaches the next poll, the worker polls.
    likes.push({ by: graph.byName.get('userfan1')!, at: iso(t0) });
    clock.advance(15 * MINUTE);
    await expect.poll(async () => (await post()).snapshots.length, { timeout: 30_000 }).toBe(2);
    const second = await post();
    expect(second.snapshots[1]).toMatchObject({ at: iso(t0 + 15 * MINUTE), likes: 2 });
    // Still its first day: the next poll 15 minutes on.
    expect(second.nextPollAt).toBe(iso(t0 + 30 * MINUTE));

    // A day later the tick polls what is due, and the schedule has slowed to hourly.
    likes.push({ by: graph.byName.get('userfan2')!, at: iso(t0 + HOUR) });
    clock.advance(25 * HOUR);
    await expect.poll(async () => (await post()).snapshots.length, { timeout: 30_000 }).toBe(3);
    const third = await post();
    expect(third.snapshots[2]).toMatchObject({ at: iso(t0 + 15 * MINUTE + 25 * HOUR), likes: 3 });
    expect(third.nextPollAt).toBe(iso(t0 + 15 * MINUTE + 26 * HOUR));
  });
});
