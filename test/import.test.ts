import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { rows } from '../server/niches/niche-store.ts';
import { DATASETS_DIR, datasetFile, missingDatasetMessage } from './fakes/datasets.ts';
import type { Caller } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

const twitch = datasetFile('twitch-ru');
if (!twitch) console.warn(missingDatasetMessage('twitch-ru'));

describe.skipIf(!twitch).each(testDatabaseKinds)('importing graph files on %s', (kind) => {
  let world: World;
  let database: Database;
  let app: World['app'];
  let marketer: Caller;
  let viewer: Caller;
  let outsider: Caller;
  let api: Api;

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'import' });
    ({ database, app, member: marketer, viewer, outsider } = world);
    api = callerFor(database, marketer, { queue: world.queue });
  });
  afterAll(() => world?.close());

  async function newFileNiche(name: string) {
    return (await api.niches.create({ name, platform: 'file' })).id;
  }

  async function upload(who: Caller, nicheId: string, files: Record<string, Blob | string>) {
    const form = new FormData();
    for (const [key, value] of Object.entries(files)) {
      if (value instanceof Blob)
        form.append(
          key,
          value,
          key === 'edges' ? ((files.edgesName as string) ?? 'edges.csv') : 'accounts.csv',
        );
      else if (key !== 'edgesName') form.append(key, value);
    }
    return app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: who.cookie!, 'x-murmur-client': 'test' },
      body: form,
    });
  }

  const settle = async (id: string) => {
    await expect
      .poll(async () => (await api.niches.byId({ id })).status, { timeout: 120_000, interval: 300 })
      .toMatch(/ready|failed/);
    return api.niches.byId({ id });
  };

  it('imports twitch-ru (mutual ties as two follows, with attributes) and scores it', {
    timeout: 150_000,
  }, async () => {
    const imported = await newFileNiche('Twitch RU');
    const edges = new Blob([readFileSync(twitch!)]);
    const accounts = new Blob([readFileSync(join(DATASETS_DIR, 'twitch-ru', 'accounts.csv'))]);
    const response = await upload(marketer, imported, {
      edges,
      accounts,
      mutual: 'true',
      edgesName: 'edges.csv',
    });
    expect(response.status).toBe(200);
    const niche = await settle(imported);
    expect(niche.lastError).toBeNull();
    expect(niche.status).toBe('ready');
    expect(niche.accountCount).toBe(4385);
    expect(niche.edgeCount).toBe(37_304 * 2);
    expect(niche.latestSnapshot?.nodeCount).toBe(4385);
    // The accounts file's id column (new_id) was found, and its attributes kept.
    const [withViews] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from niche_accounts where niche_id = ${imported} and attributes ? 'views'`,
    );
    expect(withViews.n).toBe(4385);
  });

  it('round-trips through GEXF: same graph and attributes', { timeout: 150_000 }, async () => {
    // The first 2,000 ties of twitch-ru and their accounts' attributes: the round trip does not
    // depend on size, and the full graph's import is the test above.
    const edgeLines = readFileSync(twitch!, 'utf8').split('\n').slice(0, 2001);
    const ids = new Set(edgeLines.slice(1).flatMap((line) => line.split(',')));
    const [header, ...accountLines] = readFileSync(join(DATASETS_DIR, 'twitch-ru', 'accounts.csv'), 'utf8')
      .trim()
      .split('\n');
    const slice = await newFileNiche('Twitch RU slice');
    const sliced = await upload(marketer, slice, {
      edges: new Blob([edgeLines.join('\n')]),
      accounts: new Blob([[header, ...accountLines.filter((l) => ids.has(l.split(',').at(-1)!))].join('\n')]),
      mutual: 'true',
      edgesName: 'edges.csv',
    });
    expect(sliced.status).toBe(200);
    const original = await settle(slice);
    expect(original.status).toBe('ready');
    expect(original.edgeCount).toBe(4000);
    const exported = await app.request(`/api/niches/${slice}/export?format=gexf`, {
      headers: { cookie: marketer.cookie! },
    });
    expect(exported.status).toBe(200);
    const gexf = await exported.text();
    expect(gexf).toContain('<gexf');
    const copy = await newFileNiche('Twitch RU copy');
    const response = await upload(marketer, copy, { edges: new Blob([gexf]), edgesName: 'twitch.gexf' });
    expect(response.status).toBe(200);
    const niche = await settle(copy);
    expect(niche.status).toBe('ready');
    const graphOf = async (id: string) =>
      rows<{ f: string; t: string }>(
        database.db,
        sql`select f.platform_id as f, t.platform_id as t from niche_edges e join niche_accounts f on f.id = e.follower_id
            join niche_accounts t on t.id = e.followed_id where e.niche_id = ${id} order by 1, 2`,
      );
    expect(await graphOf(copy)).toEqual(await graphOf(slice));
    const attributesOf = async (id: string) =>
      rows<{ p: string; views: string; partner: string }>(
        database.db,
        sql`select platform_id as p, attributes->>'views' as views, attributes->>'partner' as partner
            from niche_accounts where niche_id = ${id} order by 1`,
      );
    const originalAttributes = await attributesOf(slice);
    expect(originalAttributes.length).toBe(original.accountCount);
    expect(originalAttributes.every((a) => a.views !== null && a.partner !== null)).toBe(true);
    expect(await attributesOf(copy)).toEqual(originalAttributes);
  });

  it('reports a broken file clearly and writes nothing', { timeout: 60_000 }, async () => {
    const broken = await newFileNiche('Broken');
    const response = await upload(marketer, broken, {
      edges: new Blob(['<gexf><graph><nodes><node id="a"']),
      edgesName: 'bad.gexf',
    });
    expect(response.status).toBe(200);
    const niche = await settle(broken);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/Import of bad.gexf failed/);
    expect(niche.accountCount).toBe(0);
  });

  it('refuses uploads from viewers, other workspaces and without a file', async () => {
    const nicheId = await newFileNiche('Guarded');
    const edges = new Blob(['a,b\n']);
    expect((await upload(viewer, nicheId, { edges, edgesName: 'e.csv' })).status).toBe(403);
    expect((await upload(outsider, nicheId, { edges, edgesName: 'e.csv' })).status).toBe(404);
    const none = await upload(marketer, nicheId, { format: 'csv' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
      'Choose an edges file to import.',
    );
    const crossSite = await app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: marketer.cookie!, origin: 'https://evil.example' },
      body: new FormData(),
    });
    expect(crossSite.status).toBe(403);
  });
});
