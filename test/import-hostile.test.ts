/**
 * Hostile and odd files uploaded through POST /api/niches/:id/import, as a user would: the server
 * keeps answering, the import ends with a clear message or a clean result, and nothing is left
 * stuck. (Issue 8.)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/niches/niche-store.ts';
import type { Caller } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

describe.each(testDatabaseKinds)('hostile graph files on %s', (kind) => {
  let world: World;
  let app: World['app'];
  let marketer: Caller;
  let api: Api;

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'hostile' });
    ({ app, member: marketer } = world);
    api = callerFor(world.database, marketer, { queue: world.queue });
  });
  afterAll(() => world?.close());

  const newFileNiche = async (name: string) => (await api.niches.create({ name, platform: 'file' })).id;

  const upload = (
    nicheId: string,
    edges: BlobPart,
    name = 'edges.csv',
    extra: Record<string, BlobPart> = {},
  ) => {
    const form = new FormData();
    form.append('edges', new Blob([edges]), name);
    for (const [key, value] of Object.entries(extra)) form.append(key, new Blob([value]), `${key}.csv`);
    return app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: marketer.cookie!, 'x-murmur-client': 'test' },
      body: form,
    });
  };

  const view = (id: string) => api.niches.byId({ id });

  const settle = async (id: string) => {
    await expect
      .poll(async () => (await view(id)).status, { timeout: 60_000, interval: 50 })
      .toMatch(/ready|failed/);
    return view(id);
  };

  const labels = (nicheId: string) =>
    rows<{ platform_id: string; display_name: string | null; attributes: Record<string, unknown> | null }>(
      world.database.db,
      sql`select platform_id, display_name, attributes from niche_accounts where niche_id = ${nicheId} order by 1`,
    );

  it('fails an edge list with a NUL in an id clearly, and keeps serving', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('NUL id');
    expect((await upload(id, 'source,target\na\u0000b,c\nc,d\n')).status).toBe(200);
    const niche = await settle(id);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/account id "a\\u0000b" holds a NUL/);
    expect(niche.upload?.status).toBe('failed');
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('drops NUL and broken characters from labels and attributes', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('NUL labels');
    const accounts = 'id,label,note\u0000x\na,Al\u0000ice,hi\u0000there\nb,Bob,fine\n';
    expect((await upload(id, 'a,b\nb,a\n', 'edges.csv', { accounts })).status).toBe(200);
    expect((await settle(id)).status).toBe('ready');
    const stored = await labels(id);
    expect(stored[0]).toMatchObject({
      platform_id: 'a',
      display_name: 'Alice',
      attributes: { notex: 'hithere' },
    });
  });

  it('fails an id holding a lone surrogate instead of dropping it', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('Surrogate');
    const graphml =
      '<graphml><graph edgedefault="directed"><node id="a&#xD800;"/><node id="b"/>' +
      '<edge source="a&#xD800;" target="b"/></graph></graphml>';
    expect((await upload(id, graphml, 'g.graphml')).status).toBe(200);
    const niche = await settle(id);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/lone surrogate/);
    expect(niche.accountCount).toBe(0);
  });

  it('answers while a file with an unclosed quote imports, then fails it clearly', {
    timeout: 120_000,
  }, async () => {
    const id = await newFileNiche('Unclosed quote');
    const body = `source,target\n"a,b\n${'x,y\n'.repeat(280_000)}`; // about 1.1 MB
    expect((await upload(id, body)).status).toBe(200);
    const answers: number[] = [];
    while (!/ready|failed/.test((await view(id)).status)) {
      answers.push((await app.request('/healthz')).status);
      // PGlite answers in microtasks: let timers and the worker's messages in between requests.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const niche = await view(id);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/line 2: a quoted field is never closed/);
    expect(answers.every((s) => s === 200)).toBe(true);
  });

  it('refuses an accounts file with 100k columns clearly', { timeout: 120_000 }, async () => {
    const id = await newFileNiche('Wide accounts');
    const columns = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const accounts = `id,${columns.join(',')}\na,${columns.map(() => '1').join(',')}\n`;
    expect((await upload(id, 'a,b\n', 'edges.csv', { accounts })).status).toBe(200);
    const niche = await settle(id);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/line 1 has more than 1000 columns/);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('reads a Latin-1 file as Windows-1252 and says so', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('Latin-1');
    const bytes = Uint8Array.from(Buffer.from('source,target\nJos\xe9,Ren\xe9e\n', 'latin1'));
    expect((await upload(id, bytes)).status).toBe(200);
    const niche = await settle(id);
    expect(niche.status).toBe('ready');
    expect(niche.upload?.warning).toMatch(/not valid UTF-8; it was read as Windows-1252/);
    expect((await labels(id)).map((a) => a.platform_id)).toEqual(['José', 'Renée']);
  });

  it('refuses a UTF-16 file with a message saying what to do', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('UTF-16');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('source,target\na,b\n', 'utf16le')]);
    expect((await upload(id, Uint8Array.from(bytes))).status).toBe(200);
    const niche = await settle(id);
    expect(niche.status).toBe('failed');
    expect(niche.lastError).toMatch(/UTF-16 file, which is not supported; save it as UTF-8/);
  });

  it('imports accounts whose age or counts are out of range, without them', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('Odd numbers');
    const accounts = 'id,days,followers\na,1e20,99999999999\nb,-5,12\n';
    expect((await upload(id, 'a,b\n', 'edges.csv', { accounts })).status).toBe(200);
    const niche = await settle(id);
    expect(niche.lastError).toBeNull();
    expect(niche.status).toBe('ready');
    const [a] = await rows<{ account_created_at: Date | null; followers_count: number | null }>(
      world.database.db,
      sql`select account_created_at, followers_count from niche_accounts where niche_id = ${id} and platform_id = 'a'`,
    );
    expect(a).toEqual({ account_created_at: null, followers_count: null });
  });

  it('accepts exactly one of five uploads sent at once', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('Parallel');
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => Promise.resolve(upload(id, 'a,b\n')).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect((await settle(id)).status).toBe('ready');
  });

  it('exports accounts CSV with formulas neutralised', { timeout: 60_000 }, async () => {
    const id = await newFileNiche('Formulas');
    const accounts = 'id,label,bio\n+cmd,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(1+1)\nb,Bob,-2+3\n';
    expect((await upload(id, '+cmd,b\n', 'edges.csv', { accounts })).status).toBe(200);
    expect((await settle(id)).status).toBe('ready');
    const csv = await (
      await app.request(`/api/niches/${id}/export?format=csv&part=accounts`, {
        headers: { cookie: marketer.cookie! },
      })
    ).text();
    const cells = csv.split('\n').flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    const formulas = cells.filter((cell) => /^"?[=+\-@]/.test(cell));
    expect(formulas).toEqual([]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toContain(`'+cmd`);
  });
});
