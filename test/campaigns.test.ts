import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

type Campaign = {
  id: string;
  name: string;
  version: number;
  status: string;
  budgetMinor: number;
  ownerEmail: string | null;
  progress: { deals: number; committedMinor: number };
};
type Stage = { id: string; name: string; kind: string; position: number; dealCount: number };

describe.each(testDatabaseKinds)('campaigns and stages on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let mia: Caller;
  let max: Caller;
  let vic: Caller;
  let olly: Caller;
  let spring: Campaign;
  const call = (who: Caller, path: string, input?: unknown) => trpcCall(app, who, path, input);
  const query = (who: Caller, path: string, input?: unknown) => trpcCall(app, who, path, input, 'query');
  const stages = async () => (await query(mia, 'stages.list')).data as Stage[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    mia = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    max = await userInWorkspace(app, database, { email: 'max@agency.test', workspace: 'Agency' });
    vic = await userInWorkspace(app, database, {
      email: 'vic@agency.test',
      workspace: 'Agency',
      role: 'viewer',
    });
    olly = await userInWorkspace(app, database, { email: 'olly@other.test', workspace: 'Other' });
  });
  afterAll(() => database.close());

  it('creates campaigns with brief, niches, budget, dates and goals, owned by their creator', async () => {
    const created = await call(mia, 'campaigns.create', {
      name: ' Spring Launch ',
      client: 'Oat Co',
      brief: '# Brief\nBe **nice**',
      niches: ['vegan food', 'vegan food', 'fitness'],
      budgetMinor: 500_000,
      currency: 'eur',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      goalReach: 1_000_000,
      goalPosts: 20,
      goalEmvMinor: 2_000_000,
      status: 'active',
    });
    expect(created.status).toBe(200);
    spring = created.data as Campaign;
    expect(spring).toMatchObject({
      name: 'Spring Launch',
      currency: 'EUR',
      niches: ['vegan food', 'fitness'],
      ownerEmail: 'mia@agency.test',
      version: 1,
      progress: { deals: 0, committedMinor: 0 },
    });
    await call(mia, 'campaigns.create', { name: 'Autumn Teaser', status: 'planning' });
    await call(mia, 'campaigns.create', { name: 'Old One', status: 'archived' });
    const names = async (input: object) =>
      ((await query(vic, 'campaigns.list', input)).data as Campaign[]).map((c) => c.name);
    expect(await names({})).toEqual(['Autumn Teaser', 'Spring Launch']);
    expect(await names({ status: 'archived' })).toEqual(['Old One']);
    expect(await names({ search: 'oat co' })).toEqual(['Spring Launch']);
    expect(await names({ includeArchived: true })).toHaveLength(3);
  });

  it('rejects bad campaigns with field messages', async () => {
    const bad = await call(mia, 'campaigns.create', {
      name: '',
      currency: 'euros',
      budgetMinor: -1,
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      status: 'paused',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/name: Enter a campaign name/);
    expect(bad.body.error?.message).toMatch(/currency: Use a three-letter currency code/);
    const dates = await call(mia, 'campaigns.create', {
      name: 'X',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    });
    expect(dates.status).toBe(400);
    expect(dates.body.error?.message).toMatch(/end date comes before the start date/);
    const foreignOwner = await call(mia, 'campaigns.create', {
      name: 'X',
      ownerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreignOwner.status).toBe(400);
  });

  it('updates only the fields sent, and refuses a stale version', async () => {
    const first = await call(mia, 'campaigns.update', { id: spring.id, version: 1, budgetMinor: 600_000 });
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ budgetMinor: 600_000, client: 'Oat Co', goalPosts: 20, version: 2 });
    const stale = await call(max, 'campaigns.update', { id: spring.id, version: 1, name: 'Overwrite' });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.message).toMatch(/Someone else changed this campaign/);
    expect(((await query(mia, 'campaigns.byId', { id: spring.id })).data as Campaign).name).toBe(
      'Spring Launch',
    );
    const feed = (await query(mia, 'campaigns.timeline', { id: spring.id })).data as {
      items: { kind: string; payload: { fields?: string[] } }[];
    };
    expect(feed.items[0]).toMatchObject({ kind: 'fields_changed', payload: { fields: ['budgetMinor'] } });
  });

  it('keeps other workspaces out and viewers read-only', async () => {
    const foreign = await query(olly, 'campaigns.byId', { id: spring.id });
    const missing = await query(olly, 'campaigns.byId', { id: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.message).toBe(missing.body.error?.message);
    expect((await query(olly, 'campaigns.list', {})).data).toEqual([]);
    expect((await query(olly, 'campaigns.timeline', { id: spring.id })).status).toBe(404);
    expect((await call(olly, 'campaigns.update', { id: spring.id, version: 2, name: 'x' })).status).toBe(404);
    expect((await call(olly, 'campaigns.remove', { id: spring.id })).status).toBe(404);
    expect((await call(vic, 'campaigns.create', { name: 'Nope' })).status).toBe(403);
    expect((await call(vic, 'campaigns.update', { id: spring.id, version: 2, name: 'x' })).status).toBe(403);
    expect((await call(vic, 'campaigns.remove', { id: spring.id })).status).toBe(403);
    expect((await query(vic, 'campaigns.owners')).data).toHaveLength(3);
    for (const [path, input] of [
      ['stages.create', { name: 'Nope' }],
      ['stages.update', { id: spring.id, name: 'Nope' }],
      ['stages.reorder', { ids: [spring.id] }],
      ['stages.remove', { id: spring.id }],
    ] as const) {
      expect((await call(max, path, input)).status, path).toBe(403);
    }
  });

  it('lets admins rename, add, reorder and delete stages, moving their deals', async () => {
    const list = await stages();
    expect(list).toHaveLength(9);
    const replied = list.find((s) => s.name === 'Replied')!;
    const renamed = await call(mia, 'stages.update', { id: replied.id, name: 'Answered' });
    expect(renamed.data).toMatchObject({ name: 'Answered', kind: 'open' });
    expect((await call(mia, 'stages.update', { id: replied.id, name: 'contacted' })).status).toBe(409);
    expect((await call(olly, 'stages.update', { id: replied.id, name: 'Hacked' })).status).toBe(404);
    const briefed = await call(mia, 'stages.create', {
      name: 'Briefed',
      kind: 'open',
      committed: true,
      position: 5,
    });
    expect(briefed.status).toBe(200);
    expect((await stages()).map((s) => s.name).slice(4, 7)).toEqual(['Agreed', 'Briefed', 'Content live']);
    expect((await stages()).map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const reversed = (await stages()).map((s) => s.id).reverse();
    expect((await call(mia, 'stages.reorder', { ids: reversed.slice(1) })).status).toBe(400);
    const reordered = await call(mia, 'stages.reorder', { ids: reversed });
    expect((reordered.data as Stage[])[0].name).toBe('No response');
    await call(mia, 'stages.reorder', { ids: [...reversed].reverse() });

    // A stage with deals: deleting asks where they go.
    const contact = await call(mia, 'contacts.create', { name: 'Ada' });
    const added = await call(mia, 'deals.create', {
      campaignId: spring.id,
      contactIds: [(contact.data as { id: string }).id],
    });
    const dealId = (added.data as { added: { dealId: string }[] }).added[0].dealId;
    const shortlisted = (await stages())[0];
    const contacted = (await stages())[1];
    const refused = await call(mia, 'stages.remove', { id: shortlisted.id });
    expect(refused.status).toBe(412);
    expect(refused.body.error?.message).toMatch(/holds 1 deal: choose a stage/);
    expect((await call(mia, 'stages.remove', { id: shortlisted.id, moveDealsTo: contacted.id })).status).toBe(
      200,
    );
    const deal = (await query(mia, 'deals.byId', { id: dealId })).data as {
      stageId: string;
      position: number;
    };
    expect(deal).toMatchObject({ stageId: contacted.id, position: 0 });
    expect((await stages()).map((s) => s.name)[0]).toBe('Contacted');
    const briefedId = (briefed.data as Stage).id;
    expect((await call(mia, 'stages.remove', { id: briefedId })).status).toBe(200);
  });

  it('answers API keys like sessions', async () => {
    const key = await call(mia, 'apiKeys.create', { name: 'script', role: 'member' });
    const bearer = { bearer: (key.data as { secret: string }).secret };
    expect((await query(bearer, 'campaigns.list', {})).status).toBe(200);
    expect((await query(bearer, 'deals.board', { campaignId: spring.id })).status).toBe(200);
    expect((await query(bearer, 'stages.list')).status).toBe(200);
    expect((await call(bearer, 'campaigns.create', { name: 'Via key' })).status).toBe(200);
  });

  it('deletes a campaign with its deals', async () => {
    const autumn = ((await query(mia, 'campaigns.list', {})).data as Campaign[]).find(
      (c) => c.name === 'Autumn Teaser',
    )!;
    expect((await call(max, 'campaigns.remove', { id: autumn.id })).status).toBe(200);
    expect((await query(mia, 'campaigns.byId', { id: autumn.id })).status).toBe(404);
  });
});
