/**
 * One campaign's pipeline told as one story: each test builds on the board the previous one
 * left (which is why this file is longer than ~250 lines: splitting it would mean rebuilding
 * that board in each file). The two concurrency tests at the end use their own campaigns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure, type RouterOutputs } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

type Board = RouterOutputs['deals']['board'];

describe.each(testDatabaseKinds)('deals on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let miaSession: Caller;
  let mia: Api;
  let max: Api;
  let vic: Api;
  let olly: Api;
  let campaignId: string;
  let contactIds: string[];
  let maxId: string;
  const board = (filter: { ownerId?: string; tag?: string } = {}) =>
    mia.deals.board({ campaignId, ...filter });
  const stage = (b: Board, name: string) => b.stages.find((s) => s.name === name)!;
  const column = (b: Board, name: string) =>
    b.cards.filter((c) => c.stageId === stage(b, name).id).sort((x, y) => x.position - y.position);

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
    maxId = (await max.auth.me()).user.id;
    const created = await mia.campaigns.create({
      name: 'Spring Vegan Launch',
      client: 'Oatly-ish',
      budgetMinor: 100_000,
      currency: 'EUR',
    });
    campaignId = created.id;
    contactIds = [];
    for (const name of ['Ada', 'Ben', 'Cleo', 'Dan']) {
      const contact = await mia.contacts.create({
        name,
        tags: name === 'Ada' ? ['vegan'] : [],
        emails: [`${name.toLowerCase()}@example.com`],
      });
      contactIds.push(contact.id);
    }
  });
  afterAll(() => database.close());

  it('creates the default stages once, even when first asked concurrently', async () => {
    const lists = await Promise.all([1, 2, 3].map(() => mia.stages.list()));
    expect(lists[0].map((s) => s.name)).toEqual([
      'Shortlisted',
      'Contacted',
      'Replied',
      'Negotiating',
      'Agreed',
      'Content live',
      'Paid',
      'Declined',
      'No response',
    ]);
    expect(await mia.stages.list()).toHaveLength(9);
  });

  it('adds contacts as deals in the first stage, never twice, never a do-not-contact one', async () => {
    await mia.contacts.update({ id: contactIds[3], doNotContact: true });
    const added = await mia.deals.create({ campaignId, contactIds: contactIds.slice(0, 2) });
    expect(added.added).toHaveLength(2);
    const again = await mia.deals.create({ campaignId, contactIds });
    expect(again).toMatchObject({
      added: [{ contactId: contactIds[2] }],
      skipped: [
        { contactId: contactIds[0], reason: 'already_in_campaign' },
        { contactId: contactIds[1], reason: 'already_in_campaign' },
        { contactId: contactIds[3], reason: 'do_not_contact' },
      ],
    });
    const b = await board();
    expect(column(b, 'Shortlisted').map((c) => c.contactName)).toEqual(['Ada', 'Ben', 'Cleo']);
    expect(column(b, 'Shortlisted').map((c) => c.position)).toEqual([0, 1, 2]);
    expect(stage(b, 'Shortlisted').count).toBe(3);
  });

  it('moves a card between and within columns, recording who and when', async () => {
    let b = await board();
    const [ada, ben] = column(b, 'Shortlisted');
    const moved = await mia.deals.moveStage({
      id: ben.id,
      stageId: stage(b, 'Negotiating').id,
      position: 0,
      version: ben.version,
    });
    expect(moved).toMatchObject({ stageId: stage(b, 'Negotiating').id, version: ben.version + 1 });
    await mia.deals.moveStage({
      id: ada.id,
      stageId: stage(b, 'Shortlisted').id,
      position: 5,
      version: ada.version,
    });
    b = await board();
    expect(column(b, 'Shortlisted').map((c) => [c.contactName, c.position])).toEqual([
      ['Cleo', 0],
      ['Ada', 1],
    ]);
    expect(column(b, 'Negotiating').map((c) => c.contactName)).toEqual(['Ben']);
    const feed = await mia.deals.timeline({ id: ben.id });
    expect(feed.items[0]).toMatchObject({
      kind: 'stage_changed',
      payload: { from: 'Shortlisted', to: 'Negotiating' },
      actorEmail: 'mia@agency.test',
    });
  });

  it('refuses a move from a stale card with a clear conflict, never overwriting', async () => {
    const b = await board();
    const [ben] = column(b, 'Negotiating');
    await mia.deals.moveStage({
      id: ben.id,
      stageId: stage(b, 'Replied').id,
      position: 0,
      version: ben.version,
    });
    const second = await failure(
      max.deals.moveStage({
        id: ben.id,
        stageId: stage(b, 'Declined').id,
        position: 0,
        version: ben.version,
      }),
    );
    expect(second.status).toBe(409);
    expect(second.message).toMatch(/Someone else changed this deal/);
    const edit = await failure(max.deals.update({ id: ben.id, version: ben.version, notes: 'late' }));
    expect(edit.status).toBe(409);
    expect(column(await board(), 'Replied').map((c) => c.contactName)).toEqual(['Ben']);
  });

  it('updates fields with the version, and warns before the budget is exceeded', async () => {
    let b = await board();
    const [ada] = column(b, 'Shortlisted').filter((c) => c.contactName === 'Ada');
    const updated = await mia.deals.update({
      id: ada.id,
      version: ada.version,
      feeMinor: 80_000,
      ownerId: maxId,
      nextAction: 'Send contract',
      nextActionAt: '2026-01-05T09:00:00.000Z',
      deliverables: [{ kind: 'post', platform: 'instagram', dueOn: '2026-02-01' }],
    });
    expect(updated).toMatchObject({ feeMinor: 80_000, ownerId: maxId, nextAction: 'Send contract' });
    const agreed = stage(b, 'Agreed').id;
    await mia.deals.moveStage({ id: ada.id, stageId: agreed, position: 0, version: updated.version });
    b = await board();
    expect(stage(b, 'Agreed').feeTotalMinor).toBe(80_000);
    expect(b.campaign.progress.committedMinor).toBe(80_000);

    const [cleo] = column(b, 'Shortlisted');
    const fee = await mia.deals.update({ id: cleo.id, version: cleo.version, feeMinor: 30_000 });
    const move = { id: cleo.id, stageId: agreed, position: 1, version: fee.version };
    const over = await failure(mia.deals.moveStage(move));
    expect(over.status).toBe(412);
    expect(over.message).toMatch(/1,100.00 EUR against a budget of 1,000.00 EUR/);
    await mia.deals.moveStage({ ...move, acceptOverBudget: true });
    expect((await board()).campaign.progress.committedMinor).toBe(110_000);
  });

  // Over HTTP: the field messages are what the error formatter puts in the response body.
  it('validates input with field messages', async () => {
    const [ada] = column(await board(), 'Agreed');
    const call = (path: string, input: unknown) => trpcCall(app, miaSession, path, input);
    const bad = await call('deals.update', {
      id: ada.id,
      version: ada.version,
      feeMinor: -5,
      currency: 'euro',
      deliverables: [{ kind: 'post', platform: 'instagram', status: 'live' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/feeMinor/);
    expect(bad.body.error?.message).toMatch(/three-letter currency/);
    expect(bad.body.error?.message).toMatch(/live deliverable needs its URL/);
    expect(
      (await call('deals.moveStage', { id: ada.id, stageId: 'x', position: -1, version: 1 })).status,
    ).toBe(400);
    expect((await call('deals.create', { campaignId, contactIds: [] })).status).toBe(400);
  });

  it('filters the board by owner and tag', async () => {
    expect((await board({ ownerId: maxId })).cards.map((c) => c.contactName)).toEqual(['Ada']);
    expect((await board({ tag: 'vegan' })).cards.map((c) => c.contactName)).toEqual(['Ada']);
  });

  it('moves and assigns several deals at once, and exports them as CSV', async () => {
    let b = await board();
    const ids = b.cards.map((c) => c.id);
    expect(await mia.deals.bulkAssign({ ids, ownerId: maxId })).toEqual({ updated: 3 });
    const paid = stage(b, 'Paid').id;
    expect(await mia.deals.bulkMove({ ids, stageId: paid, acceptOverBudget: true })).toEqual({ moved: 3 });
    b = await board();
    expect(column(b, 'Paid').map((c) => c.position)).toEqual([0, 1, 2]);
    expect(b.campaign.progress.paidMinor).toBe(110_000);
    const { csv } = await mia.deals.exportCsv({ campaignId });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^contact,email,do_not_contact,stage,fee,currency/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain('Ada,ada@example.com,no,Paid,800.00,EUR');
  });

  it('keeps notes and changes on the contact and campaign timelines, newest first', async () => {
    const [ada] = (await board()).cards.filter((c) => c.contactName === 'Ada');
    expect(await max.deals.addNote({ id: ada.id, text: 'Loves oat milk' })).toEqual({ ok: true });
    const contactFeed = await mia.contacts.timeline({ id: ada.contactId });
    expect(contactFeed.items[0].kind).toBe('note_added');
    expect(contactFeed.items.map((i) => i.kind)).toContain('stage_changed');
    expect(contactFeed.items.map((i) => i.kind).slice(-2)).toEqual(['deal_created', 'contact_created']);
    const campaignFeed = await mia.campaigns.timeline({ id: campaignId });
    expect(campaignFeed.items.at(-1)?.kind).toBe('campaign_created');
    expect(campaignFeed.items.length).toBeGreaterThan(8);
  });

  it('keeps other workspaces out and viewers read-only', async () => {
    const [card] = (await board()).cards;
    const missing = await failure(olly.deals.byId({ id: '00000000-0000-4000-8000-000000000000' }));
    const foreign = await failure(olly.deals.byId({ id: card.id }));
    expect(foreign.status).toBe(404);
    expect(foreign.message).toBe(missing.message);
    const writes: [string, (api: Api) => Promise<unknown>][] = [
      [
        'moveStage',
        (api) =>
          api.deals.moveStage({ id: card.id, stageId: card.stageId, position: 0, version: card.version }),
      ],
      ['update', (api) => api.deals.update({ id: card.id, version: card.version, notes: 'x' })],
      ['addNote', (api) => api.deals.addNote({ id: card.id, text: 'x' })],
      ['remove', (api) => api.deals.remove({ id: card.id })],
      ['bulkMove', (api) => api.deals.bulkMove({ ids: [card.id], stageId: card.stageId })],
      ['bulkAssign', (api) => api.deals.bulkAssign({ ids: [card.id], ownerId: null })],
      ['create', (api) => api.deals.create({ campaignId, contactIds })],
    ];
    for (const [name, write] of writes) {
      expect((await failure(write(olly))).status, name).toBe(404);
      expect((await failure(write(vic))).status, name).toBe(403);
    }
    expect((await failure(olly.deals.board({ campaignId }))).status).toBe(404);
    expect((await failure(olly.deals.list({ campaignId }))).status).toBe(404);
    expect((await failure(olly.deals.exportCsv({ campaignId }))).status).toBe(404);
    expect((await failure(olly.deals.timeline({ id: card.id }))).status).toBe(404);
    expect((await vic.deals.board({ campaignId })).cards).toHaveLength(3);
    expect(await vic.deals.list({ campaignId })).toHaveLength(3);
  });

  it('removes a deal and closes the gap in its column', async () => {
    const [first] = column(await board(), 'Paid');
    expect(await mia.deals.remove({ id: first.id })).toEqual({ id: first.id });
    expect(column(await board(), 'Paid').map((c) => c.position)).toEqual([0, 1]);
    expect((await failure(mia.deals.byId({ id: first.id }))).status).toBe(404);
  });

  it("adds a Discover niche's shortlisted contacts, skipping those already in the campaign", async () => {
    const me = await mia.auth.me();
    const sam = await mia.contacts.create({ name: 'Shortlisted Sam' });
    const {
      rows: [niche],
    } = await database.raw.query<{ id: string }>(
      `insert into niches (workspace_id, name, platform, budget) values ($1, 'Vegan food', 'bluesky', '{}'::jsonb) returning id`,
      [me.workspaceId],
    );
    await database.raw.query(
      'insert into shortlist (niche_id, account_id, workspace_id, contact_id) values ($1, 1, $2, $3), ($1, 2, $2, $4)',
      [niche.id, me.workspaceId, sam.id, contactIds[2]],
    );
    expect(await vic.deals.shortlists()).toEqual([{ nicheId: niche.id, name: 'Vegan food', contacts: 2 }]);
    const input = { campaignId, nicheId: niche.id };
    expect(await mia.deals.createFromShortlist(input)).toMatchObject({
      added: [{ contactId: sam.id }],
      skipped: [{ contactId: contactIds[2], reason: 'already_in_campaign' }],
    });
    expect((await failure(olly.deals.createFromShortlist(input))).status).toBe(404);
    expect((await failure(vic.deals.createFromShortlist(input))).status).toBe(403);
    expect(await olly.deals.shortlists()).toEqual([]);
  });

  it.runIf(kind === 'postgres')('keeps every column gapless under concurrent moves', async () => {
    const { id: raceId } = await mia.campaigns.create({ name: 'Race' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await mia.contacts.create({ name: `Racer ${i}` })).id);
    await mia.deals.create({ campaignId: raceId, contactIds: ids });
    const raceBoard = () => mia.deals.board({ campaignId: raceId });
    const b = await raceBoard();
    const targets = ['Contacted', 'Replied', 'Shortlisted'].map((n) => stage(b, n).id);
    const results = await Promise.allSettled(
      b.cards.map((card, i) =>
        (i % 2 ? max : mia).deals.moveStage({
          id: card.id,
          stageId: targets[i % 3],
          position: i % 4,
          version: card.version,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(b.cards.map(() => 'fulfilled'));
    // The same card moved twice from one version: exactly one wins.
    const [card] = (await raceBoard()).cards;
    const race = await Promise.all(
      [targets[0], targets[1]].map((stageId) =>
        mia.deals.moveStage({ id: card.id, stageId, position: 0, version: card.version }).then(
          () => 200,
          async (error: unknown) => (await failure(Promise.reject(error))).status,
        ),
      ),
    );
    expect(race.sort()).toEqual([200, 409]);
    const final = await raceBoard();
    for (const s of final.stages) {
      const positions = final.cards
        .filter((c) => c.stageId === s.id)
        .map((c) => c.position)
        .sort((x, y) => x - y);
      expect(positions).toEqual(positions.map((_, i) => i));
    }
    expect(final.cards).toHaveLength(12);
    // Stored ranks are unique per column too: nothing shares a slot.
    const { rows } = await database.raw.query<{ stage_id: string; position: number }>(
      'select stage_id, position from deals where campaign_id = $1',
      [raceId],
    );
    expect(new Set(rows.map((r) => `${r.stage_id}:${r.position}`)).size).toBe(12);
  });

  it('keeps the order when many cards land in the same slot, one after another', async () => {
    const { id: crowdId } = await mia.campaigns.create({ name: 'Crowd' });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++)
      ids.push((await mia.contacts.create({ name: `Crowd ${String(i).padStart(2, '0')}` })).id);
    await mia.deals.create({ campaignId: crowdId, contactIds: ids });
    const crowd = () => mia.deals.board({ campaignId: crowdId });
    let b = await crowd();
    const contacted = stage(b, 'Contacted').id;
    const [first, ...rest] = column(b, 'Shortlisted');
    await mia.deals.moveStage({ id: first.id, stageId: contacted, position: 0, version: first.version });
    // Each card goes to index 1, so the gap there halves every time until the column is re-spaced.
    for (const card of rest)
      await mia.deals.moveStage({ id: card.id, stageId: contacted, position: 1, version: card.version });
    b = await crowd();
    const names = column(b, 'Contacted').map((c) => c.contactName);
    expect(names).toEqual([
      'Crowd 00',
      ...rest
        .slice(1)
        .map((c) => c.contactName)
        .reverse(),
      'Crowd 01',
    ]);
    expect(column(b, 'Contacted').map((c) => c.position)).toEqual(names.map((_, i) => i));
  });
});
