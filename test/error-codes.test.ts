/**
 * What a client branches on when a call fails: `data.code`, the feature's own code, so the web
 * reacts to `over_budget` or `needs_target` rather than to an HTTP status that means one thing
 * here and another there. The status stays what it was (one table in server/trpc/errors.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('error codes on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let miaSession: Caller;
  let vicSession: Caller;
  let mia: Api;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    miaSession = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    vicSession = await userInWorkspace(app, database, {
      email: 'vic@agency.test',
      workspace: 'Agency',
      role: 'viewer',
    });
    mia = callerFor(database, miaSession);
  });
  afterAll(() => database.close());

  it('answers an over-budget move with over_budget and a stage removal with needs_target', async () => {
    const campaign = await mia.campaigns.create({ name: 'Spring', budgetMinor: 100_000, currency: 'EUR' });
    const contact = await mia.contacts.create({ name: 'Ada' });
    const { added } = await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
    const deal = await mia.deals.byId({ id: added[0].dealId });
    const priced = await mia.deals.update({ id: deal.id, version: deal.version, feeMinor: 150_000 });
    const stages = await mia.stages.list();
    const agreed = stages.find((s) => s.name === 'Agreed')!;

    const move = { id: deal.id, stageId: agreed.id, position: 0, version: priced.version };
    const over = await trpcCall(app, miaSession, 'deals.moveStage', move);
    expect(over.status).toBe(412);
    expect(over.body.error?.data?.code).toBe('over_budget');
    expect(over.body.error?.message).toMatch(/1,500.00 EUR against a budget of 1,000.00 EUR/);

    const holding = stages.find((s) => s.id === deal.stageId)!;
    const removal = await trpcCall(app, miaSession, 'stages.remove', { id: holding.id });
    expect(removal.status).toBe(412);
    expect(removal.body.error?.data?.code).toBe('needs_target');
    expect(removal.body.error?.message).toMatch(/holds 1 deal: choose a stage/);
  });

  it('names the code for refusals that are not the feature’s, and hides unexpected ones', async () => {
    const signedOut = await trpcCall(app, {}, 'contacts.list', {}, 'query');
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error?.data?.code).toBe('sign_in_required');
    const viewer = await trpcCall(app, vicSession, 'contacts.create', { name: 'Ben' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error?.data?.code).toBe('role_too_low');
    const missing = await trpcCall(app, miaSession, 'contacts.byId', { id: crypto.randomUUID() }, 'query');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.data?.code).toBe('contact_not_found');
    const bad = await trpcCall(app, miaSession, 'contacts.create', { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.data?.code).toBe('bad_request');
  });

  it('gives the file routes the same statuses and codes as the API', async () => {
    const missing = await app.request(`/api/niches/${crypto.randomUUID()}/export?format=csv`, {
      headers: { cookie: miaSession.cookie!, 'x-murmur-client': 'test' },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: 'No such niche.', code: 'niche_not_found' } });
    const signedOut = await app.request(`/api/niches/${crypto.randomUUID()}/export`, {
      headers: { 'x-murmur-client': 'test' },
    });
    expect(signedOut.status).toBe(401);
    expect(((await signedOut.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
  });
});
