import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure, type RouterOutputs } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('campaigns and stages on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let miaSession: Caller;
  let mia: Api;
  let max: Api;
  let vic: Api;
  let olly: Api;
  let spring: RouterOutputs['campaigns']['create'];
  const stages = () => mia.stages.list();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    const signIn = (email: string, workspace: string, role?: 'viewer') =>
      userInWorkspace(app, database, { email, workspace, role });
    miaSession = await signIn('mia@agency.test', 'Agency');
    mia = callerFor(database, miaSession);
    max = callerFor(database, await signIn('max@agency.test', 'Agency'));
    vic = callerFor(database, await signIn('vic@agency.test', 'Agency', 'viewer'));
    olly = callerFor(database, await signIn('olly@other.test', 'Other'));
  });
  afterAll(() => database.close());

  it('creates campaigns with brief, niches, budget, dates and goals, owned by their creator', async () => {
    spring = await mia.campaigns.create({
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
    expect(spring).toMatchObject({
      name: 'Spring Launch',
      currency: 'EUR',
      niches: ['vegan food', 'fitness'],
      ownerEmail: 'mia@agency.test',
      version: 1,
      progress: { deals: 0, committedMinor: 0 },
    });
    await mia.campaigns.create({ name: 'Autumn Teaser', status: 'planning' });
    await mia.campaigns.create({ name: 'Old One', status: 'archived' });
    const names = async (input: Parameters<Api['campaigns']['list']>[0]) =>
      (await vic.campaigns.list(input)).map((c) => c.name);
    expect(await names({})).toEqual(['Autumn Teaser', 'Spring Launch']);
    expect(await names({ status: 'archived' })).toEqual(['Old One']);
    expect(await names({ search: 'oat co' })).toEqual(['Spring Launch']);
    expect(await names({ includeArchived: true })).toHaveLength(3);
  });

  // Over HTTP: the field messages are what the error formatter puts in the response body.
  it('rejects bad campaigns with field messages', async () => {
    const create = (input: unknown) => trpcCall(app, miaSession, 'campaigns.create', input);
    const bad = await create({
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
    const dates = await create({ name: 'X', startsOn: '2026-05-01', endsOn: '2026-04-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.error?.message).toMatch(/end date comes before the start date/);
    const foreignOwner = await create({ name: 'X', ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(foreignOwner.status).toBe(400);
  });

  it('updates only the fields sent, and refuses a stale version', async () => {
    const first = await mia.campaigns.update({ id: spring.id, version: 1, budgetMinor: 600_000 });
    expect(first).toMatchObject({ budgetMinor: 600_000, client: 'Oat Co', goalPosts: 20, version: 2 });
    const stale = await failure(max.campaigns.update({ id: spring.id, version: 1, name: 'Overwrite' }));
    expect(stale.status).toBe(409);
    expect(stale.message).toMatch(/Someone else changed this campaign/);
    expect((await mia.campaigns.byId({ id: spring.id })).name).toBe('Spring Launch');
    const feed = await mia.campaigns.timeline({ id: spring.id });
    expect(feed.items[0]).toMatchObject({ kind: 'fields_changed', payload: { fields: ['budgetMinor'] } });
  });

  it('keeps other workspaces out and viewers read-only', async () => {
    const foreign = await failure(olly.campaigns.byId({ id: spring.id }));
    const missing = await failure(olly.campaigns.byId({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(foreign.status).toBe(404);
    expect(foreign.message).toBe(missing.message);
    expect(await olly.campaigns.list({})).toEqual([]);
    expect((await failure(olly.campaigns.timeline({ id: spring.id }))).status).toBe(404);
    expect((await failure(olly.campaigns.update({ id: spring.id, version: 2, name: 'x' }))).status).toBe(404);
    expect((await failure(olly.campaigns.remove({ id: spring.id }))).status).toBe(404);
    expect((await failure(vic.campaigns.create({ name: 'Nope' }))).status).toBe(403);
    expect((await failure(vic.campaigns.update({ id: spring.id, version: 2, name: 'x' }))).status).toBe(403);
    expect((await failure(vic.campaigns.remove({ id: spring.id }))).status).toBe(403);
    expect(await vic.campaigns.owners()).toHaveLength(3);
    const stageWrites: [string, () => Promise<unknown>][] = [
      ['create', () => max.stages.create({ name: 'Nope' })],
      ['update', () => max.stages.update({ id: spring.id, name: 'Nope' })],
      ['reorder', () => max.stages.reorder({ ids: [spring.id] })],
      ['remove', () => max.stages.remove({ id: spring.id })],
    ];
    for (const [name, write] of stageWrites) expect((await failure(write())).status, name).toBe(403);
  });

  it('lets admins rename, add, reorder and delete stages, moving their deals', async () => {
    const list = await stages();
    expect(list).toHaveLength(9);
    const replied = list.find((s) => s.name === 'Replied')!;
    expect(await mia.stages.update({ id: replied.id, name: 'Answered' })).toMatchObject({
      name: 'Answered',
      kind: 'open',
    });
    expect((await failure(mia.stages.update({ id: replied.id, name: 'contacted' }))).status).toBe(409);
    expect((await failure(olly.stages.update({ id: replied.id, name: 'Hacked' }))).status).toBe(404);
    const briefed = await mia.stages.create({ name: 'Briefed', kind: 'open', committed: true, position: 5 });
    expect((await stages()).map((s) => s.name).slice(4, 7)).toEqual(['Agreed', 'Briefed', 'Content live']);
    expect((await stages()).map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const reversed = (await stages()).map((s) => s.id).reverse();
    expect((await failure(mia.stages.reorder({ ids: reversed.slice(1) }))).status).toBe(400);
    expect((await mia.stages.reorder({ ids: reversed }))[0].name).toBe('No response');
    await mia.stages.reorder({ ids: [...reversed].reverse() });

    // A stage with deals: deleting asks where they go.
    const contact = await mia.contacts.create({ name: 'Ada' });
    const added = await mia.deals.create({ campaignId: spring.id, contactIds: [contact.id] });
    const dealId = added.added[0].dealId;
    const [shortlisted, contacted] = await stages();
    const refused = await failure(mia.stages.remove({ id: shortlisted.id }));
    expect(refused.status).toBe(412);
    expect(refused.message).toMatch(/holds 1 deal: choose a stage/);
    await mia.stages.remove({ id: shortlisted.id, moveDealsTo: contacted.id });
    expect(await mia.deals.byId({ id: dealId })).toMatchObject({ stageId: contacted.id, position: 0 });
    expect((await stages()).map((s) => s.name)[0]).toBe('Contacted');
    expect(await mia.stages.remove({ id: briefed.id })).toEqual({ id: briefed.id });
  });

  // Over HTTP: the key travels in the Authorization header.
  it('answers API keys like sessions', async () => {
    const { secret } = await mia.apiKeys.create({ name: 'script', role: 'member' });
    const bearer = { bearer: secret };
    const query = (path: string, input?: unknown) => trpcCall(app, bearer, path, input, 'query');
    expect((await query('campaigns.list', {})).status).toBe(200);
    expect((await query('deals.board', { campaignId: spring.id })).status).toBe(200);
    expect((await query('stages.list')).status).toBe(200);
    expect((await trpcCall(app, bearer, 'campaigns.create', { name: 'Via key' })).status).toBe(200);
  });

  it('deletes a campaign with its deals', async () => {
    const autumn = (await mia.campaigns.list({})).find((c) => c.name === 'Autumn Teaser')!;
    expect(await max.campaigns.remove({ id: autumn.id })).toEqual({ id: autumn.id });
    expect((await failure(mia.campaigns.byId({ id: autumn.id }))).status).toBe(404);
  });
});
