import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { rows } from '../server/niches/niche-store.ts';
import { type Caller, trpcCall } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

describe.each(testDatabaseKinds)('niches and scoring on %s', (kind) => {
  let world: World;
  let database: Database;
  let app: World['app'];
  let marketerSession: Caller;
  let marketer: Api;
  let viewer: Api;
  let outsider: Api;

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'discover' });
    ({ database, app, member: marketerSession } = world);
    const api = (who: Caller) => callerFor(database, who, { queue: world.queue });
    marketer = api(marketerSession);
    viewer = api(world.viewer);
    outsider = api(world.outsider);
  });
  afterAll(() => world?.close());

  const niche = (id: string, who = marketer) => who.niches.byId({ id });

  it('creates a labelled demo niche and scores it in the background, ranking planted leaders first', {
    timeout: 90_000,
  }, async () => {
    const { id, accounts, edges } = await marketer.niches.createDemo();
    expect(accounts).toBeGreaterThan(1000);
    expect(edges).toBeGreaterThan(10_000);
    await expect.poll(async () => (await niche(id)).status, { timeout: 60_000, interval: 250 }).toBe('ready');
    const ready = await niche(id);
    expect(ready.isDemo).toBe(true);
    expect(ready.latestSnapshot?.nodeCount).toBe(accounts);

    const top = await rows<{ role: string }>(
      database.db,
      sql`select a.attributes->>'role' as role from niche_scores s join niche_accounts a on a.id = s.account_id
          join score_snapshots ss on ss.id = s.snapshot_id where ss.niche_id = ${id} order by s.rank limit 10`,
    );
    // Niche leaders, not the celebrities everyone follows or bought audiences, lead the board.
    expect(top.filter((t) => t.role === 'niche leader').length).toBeGreaterThanOrEqual(7);

    // Removing the niche removes everything in it, its follow edges included.
    await marketer.niches.remove({ id });
    const [left] = await rows<{ edges: number; accounts: number }>(
      database.db,
      sql`select (select count(*)::int from niche_edges where niche_id = ${id}) as edges,
                 (select count(*)::int from niche_accounts where niche_id = ${id}) as accounts`,
    );
    expect(left).toEqual({ edges: 0, accounts: 0 });
  });

  // The refusals of bad input over HTTP: their messages are what the error formatter puts in the body.
  it('validates a new niche and keeps it to its workspace', async () => {
    const bad = await trpcCall(app, marketerSession, 'niches.create', {
      name: 'Vegan',
      platform: 'mastodon',
      seeds: ['not-a-handle'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/user@instance/);
    const none = await trpcCall(app, marketerSession, 'niches.create', {
      name: 'Vegan',
      platform: 'bluesky',
    });
    expect(none.body.error?.message).toMatch(/at least one seed account or keyword/);

    const { id } = await marketer.niches.create({
      name: 'Vegan food',
      platform: 'bluesky',
      seeds: ['@vera.bsky.social'],
    });
    expect((await niche(id)).status).toBe('idle');
    const dup = await failure(
      marketer.niches.create({ name: 'VEGAN food', platform: 'bluesky', keywords: ['vegan'] }),
    );
    expect(dup.status).toBe(409);

    expect((await failure(outsider.niches.byId({ id }))).status).toBe(404);
    expect((await failure(outsider.crawls.start({ nicheId: id }))).status).toBe(404);
    expect((await failure(outsider.niches.remove({ id }))).status).toBe(404);
    expect(await outsider.niches.list()).toEqual([]);
    const refused = viewer.niches.create({ name: 'Nope', platform: 'bluesky', seeds: ['x.bsky.social'] });
    expect((await failure(refused)).status).toBe(403);
    expect((await failure(viewer.crawls.start({ nicheId: id }))).status).toBe(403);

    await marketer.niches.remove({ id });
    expect((await failure(marketer.niches.byId({ id }))).status).toBe(404);
  });
});
