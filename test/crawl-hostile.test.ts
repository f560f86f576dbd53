/**
 * Issue 8: a Mastodon server that sends NUL and lone surrogates in names, `javascript:` URLs,
 * malformed accounts and malformed JSON used to crash the crawling instance (the failure text,
 * NUL and all, went to pg-boss, which could not store it, and nobody caught that), and again
 * after every restart. Now the crawl completes with the bad parts counted as errors, the app
 * keeps answering, and a new app over the same database crawls again without crashing.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { resumeInterruptedWork } from '../server/crawl/crawl.recover.ts';
import type { Database } from '../server/db/client.ts';
import { allJobs } from '../server/jobs/all.ts';
import { type Queue, startQueue } from '../server/jobs/queue.ts';
import { startWorkers } from '../server/jobs/registry.ts';
import { rows } from '../server/niches/niche-store.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { type FakeMastodon, startFakeMastodon } from './fakes/mastodon-server.ts';
import { createScaledClock } from './fakes/scaled-clock.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

// The seed is followed by twelve accounts, each following a few of six candidates.
const edges: [string, string][] = [];
for (let i = 1; i <= 12; i++) {
  edges.push([`fan${i}`, 'seed']);
  for (let j = 0; j < 3; j++) edges.push([`fan${i}`, `star${(i + j) % 6}`]);
}

describe.each(testDatabaseKinds)('crawling a hostile Mastodon server on %s', (kind) => {
  let database: Database;
  let masto: FakeMastodon;
  let queue: Queue | undefined;
  let app: ReturnType<typeof createTestApp>;
  let member: Caller;
  const dataDir = tempDir('murmur-hostile-');

  /** What `murmur serve` starts: the queue, its workers, crawls left running, and the app. */
  async function startInstance() {
    const logger = pino({ level: 'silent' });
    const config = loadConfig({ DATA_DIR: dataDir, MASTODON_INSTANCE_URLS: `masto.test=${masto.url}` });
    queue = await startQueue(database, logger, allJobs);
    // The crawler's retry back-off runs on a clock 20× faster: the same waits, in order, sooner.
    const clock = createScaledClock({ speed: 20 });
    await startWorkers({ database, logger, queue, config, clock }, allJobs);
    await resumeInterruptedWork(database, queue);
    app = createTestApp(database, { queue });
  }

  async function crawlToTheEnd(name: string) {
    // The running instance's queue: a new one after each restart.
    const api = callerFor(database, member, { queue });
    const { id } = await api.niches.create({
      name,
      platform: 'mastodon',
      seeds: ['userseed@masto.test', 'userbroken@masto.test'],
      budget: { maxRequests: 80, maxAccounts: 1000, maxMinutes: 10 },
      start: true,
    });
    for (;;) {
      const { status } = await api.niches.byId({ id });
      // A finished crawl with edges goes on to scoring: the end is ready, or failed.
      if (['ready', 'failed'].includes(status)) return { id, status };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    masto = await startFakeMastodon({
      graph: buildFakeGraph({ edges, extraKeys: ['broken'] }),
      rateLimit: null,
      hostile: { every: 2, broken: ['userbroken'] },
    });
    await startInstance();
    member = await userInWorkspace(app, database, { email: `h-${kind}@agency.test`, workspace: 'Agency' });
  });
  afterAll(async () => {
    await queue?.stop();
    await masto?.close();
    await database?.close();
  });

  it('completes the crawl, counts the bad parts as errors and stores only clean text and http(s) links', async () => {
    const { id, status } = await crawlToTheEnd('Hostile');
    expect(status).toBe('ready');
    // The app still answers over HTTP once the hostile crawl is done.
    expect((await trpcCall(app, member, 'auth.me', undefined, 'query')).status).toBe(200);

    const [run] = await rows<{ status: string; errors: number; accounts: number }>(
      database.db,
      sql`select status, errors, accounts from crawl_runs where niche_id = ${id}`,
    );
    expect(run.status).toBe('done');
    // The broken seed and the malformed list entries are errors; the other accounts are in.
    expect(run.errors).toBeGreaterThanOrEqual(2);
    expect(run.accounts).toBeGreaterThanOrEqual(13);
    const stored = await rows<{
      handle: string;
      display_name: string | null;
      url: string | null;
      avatar_url: string | null;
    }>(
      database.db,
      sql`select handle, display_name, url, avatar_url from niche_accounts where niche_id = ${id} order by handle`,
    );
    // Every other account is hostile: its text is cleaned, its javascript: links are gone.
    const hostile = stored.filter((a) => a.display_name?.startsWith('NulName'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const a of hostile) {
      expect(a.display_name).toMatch(/^NulName user\w+ \uFFFD$/);
      expect(a.url).toBeNull();
      expect(a.avatar_url).toBeNull();
    }
    const fine = stored.filter((a) => !a.display_name?.startsWith('NulName'));
    expect(fine.length).toBeGreaterThan(0);
    expect(fine.every((a) => a.url?.startsWith('https://masto.test/@'))).toBe(true);
  }, 120_000);

  it('starts again over the same database and crawls the hostile server again without crashing', async () => {
    await queue!.stop();
    await startInstance();
    expect((await app.request('/healthz')).status).toBe(200);
    const { status } = await crawlToTheEnd('Hostile again');
    expect(status).toBe('ready');
    expect((await trpcCall(app, member, 'niches.list', undefined, 'query')).status).toBe(200);
  }, 120_000);
});
