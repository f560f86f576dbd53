import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

type Stage = {
  id: string;
  name: string;
  kind: string;
  committed: boolean;
  count: number;
  feeTotalMinor: number;
};
type Card = {
  id: string;
  contactId: string;
  contactName: string;
  stageId: string;
  position: number;
  feeMinor: number | null;
  version: number;
  ownerId: string | null;
};
type Board = {
  stages: Stage[];
  cards: Card[];
  campaign: { progress: { committedMinor: number; paidMinor: number } };
};

describe.each(testDatabaseKinds)('deals on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let mia: Caller;
  let max: Caller;
  let vic: Caller;
  let olly: Caller;
  let campaignId: string;
  let contactIds: string[];
  let maxId: string;
  const call = (who: Caller, path: string, input?: unknown) => trpcCall(app, who, path, input);
  const query = (who: Caller, path: string, input?: unknown) => trpcCall(app, who, path, input, 'query');
  const board = async (filter: object = {}) =>
    (await query(mia, 'deals.board', { campaignId, ...filter })).data as Board;
  const stage = (b: Board, name: string) => b.stages.find((s) => s.name === name)!;
  const column = (b: Board, name: string) =>
    b.cards.filter((c) => c.stageId === stage(b, name).id).sort((x, y) => x.position - y.position);

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
    maxId = ((await query(max, 'auth.me')).data as { user: { id: string } }).user.id;
    const created = await call(mia, 'campaigns.create', {
      name: 'Spring Vegan Launch',
      client: 'Oatly-ish',
      budgetMinor: 100_000,
      currency: 'EUR',
    });
    campaignId = (created.data as { id: string }).id;
    contactIds = [];
    for (const name of ['Ada', 'Ben', 'Cleo', 'Dan']) {
      const contact = await call(mia, 'contacts.create', {
        name,
        tags: name === 'Ada' ? ['vegan'] : [],
        emails: [`${name.toLowerCase()}@example.com`],
      });
      contactIds.push((contact.data as { id: string }).id);
    }
  });
  afterAll(() => database.close());

  it('creates the default stages once, even when first asked concurrently', async () => {
    const lists = await Promise.all([1, 2, 3].map(() => query(mia, 'stages.list')));
    for (const list of lists) expect(list.status).toBe(200);
    const names = (lists[0].data as Stage[]).map((s) => s.name);
    expect(names).toEqual([
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
    expect(((await query(mia, 'stages.list')).data as Stage[]).length).toBe(9);
  });

  it('adds contacts as deals in the first stage, never twice, never a do-not-contact one', async () => {
    await call(mia, 'contacts.update', { id: contactIds[3], doNotContact: true });
    const added = await call(mia, 'deals.create', { campaignId, contactIds: contactIds.slice(0, 2) });
    expect(added.status).toBe(200);
    expect((added.data as { added: unknown[] }).added).toHaveLength(2);
    const again = await call(mia, 'deals.create', { campaignId, contactIds });
    expect(again.data).toMatchObject({
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
    const moved = await call(mia, 'deals.moveStage', {
      id: ben.id,
      stageId: stage(b, 'Negotiating').id,
      position: 0,
      version: ben.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.data).toMatchObject({ stageId: stage(b, 'Negotiating').id, version: ben.version + 1 });
    const within = await call(mia, 'deals.moveStage', {
      id: ada.id,
      stageId: stage(b, 'Shortlisted').id,
      position: 5,
      version: ada.version,
    });
    expect(within.status).toBe(200);
    b = await board();
    expect(column(b, 'Shortlisted').map((c) => [c.contactName, c.position])).toEqual([
      ['Cleo', 0],
      ['Ada', 1],
    ]);
    expect(column(b, 'Negotiating').map((c) => c.contactName)).toEqual(['Ben']);
    const feed = await query(mia, 'deals.timeline', { id: ben.id });
    expect(
      (feed.data as { items: { kind: string; payload: object; actorEmail: string }[] }).items[0],
    ).toMatchObject({
      kind: 'stage_changed',
      payload: { from: 'Shortlisted', to: 'Negotiating' },
      actorEmail: 'mia@agency.test',
    });
  });

  it('refuses a move from a stale card with a clear conflict, never overwriting', async () => {
    const b = await board();
    const [ben] = column(b, 'Negotiating');
    const first = await call(mia, 'deals.moveStage', {
      id: ben.id,
      stageId: stage(b, 'Replied').id,
      position: 0,
      version: ben.version,
    });
    expect(first.status).toBe(200);
    const second = await call(max, 'deals.moveStage', {
      id: ben.id,
      stageId: stage(b, 'Declined').id,
      position: 0,
      version: ben.version,
    });
    expect(second.status).toBe(409);
    expect(second.body.error?.message).toMatch(/Someone else changed this deal/);
    const edit = await call(max, 'deals.update', { id: ben.id, version: ben.version, notes: 'late' });
    expect(edit.status).toBe(409);
    expect(column(await board(), 'Replied').map((c) => c.contactName)).toEqual(['Ben']);
  });

  it('updates fields with the version, and warns before the budget is exceeded', async () => {
    let b = await board();
    const [ada] = column(b, 'Shortlisted').filter((c) => c.contactName === 'Ada');
    const updated = await call(mia, 'deals.update', {
      id: ada.id,
      version: ada.version,
      feeMinor: 80_000,
      ownerId: maxId,
      nextAction: 'Send contract',
      nextActionAt: '2026-01-05T09:00:00.000Z',
      deliverables: [{ kind: 'post', platform: 'instagram', dueOn: '2026-02-01' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ feeMinor: 80_000, ownerId: maxId, nextAction: 'Send contract' });
    const agreed = stage(b, 'Agreed').id;
    const v = (updated.data as Card).version;
    expect(
      (await call(mia, 'deals.moveStage', { id: ada.id, stageId: agreed, position: 0, version: v })).status,
    ).toBe(200);
    b = await board();
    expect(stage(b, 'Agreed').feeTotalMinor).toBe(80_000);
    expect(b.campaign.progress.committedMinor).toBe(80_000);

    const [cleo] = column(b, 'Shortlisted');
    const fee = await call(mia, 'deals.update', { id: cleo.id, version: cleo.version, feeMinor: 30_000 });
    const over = await call(mia, 'deals.moveStage', {
      id: cleo.id,
      stageId: agreed,
      position: 1,
      version: (fee.data as Card).version,
    });
    expect(over.status).toBe(412);
    expect(over.body.error?.message).toMatch(/1,100.00 EUR against a budget of 1,000.00 EUR/);
    const accepted = await call(mia, 'deals.moveStage', {
      id: cleo.id,
      stageId: agreed,
      position: 1,
      version: (fee.data as Card).version,
      acceptOverBudget: true,
    });
    expect(accepted.status).toBe(200);
    expect((await board()).campaign.progress.committedMinor).toBe(110_000);
  });

  it('validates input with field messages', async () => {
    const b = await board();
    const [ada] = column(b, 'Agreed');
    const bad = await call(mia, 'deals.update', {
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
      (await call(mia, 'deals.moveStage', { id: ada.id, stageId: 'x', position: -1, version: 1 })).status,
    ).toBe(400);
    expect((await call(mia, 'deals.create', { campaignId, contactIds: [] })).status).toBe(400);
  });

  it('filters the board by owner and tag', async () => {
    expect((await board({ ownerId: maxId })).cards.map((c) => c.contactName)).toEqual(['Ada']);
    expect((await board({ tag: 'vegan' })).cards.map((c) => c.contactName)).toEqual(['Ada']);
  });

  it('moves and assigns several deals at once, and exports them as CSV', async () => {
    let b = await board();
    const ids = b.cards.map((c) => c.id);
    const assigned = await call(mia, 'deals.bulkAssign', { ids, ownerId: maxId });
    expect(assigned.data).toEqual({ updated: 3 });
    const paid = stage(b, 'Paid').id;
    const moved = await call(mia, 'deals.bulkMove', { ids, stageId: paid, acceptOverBudget: true });
    expect(moved.data).toEqual({ moved: 3 });
    b = await board();
    expect(column(b, 'Paid').map((c) => c.position)).toEqual([0, 1, 2]);
    expect(b.campaign.progress.paidMinor).toBe(110_000);
    const csv = ((await query(mia, 'deals.exportCsv', { campaignId })).data as { csv: string }).csv;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^contact,email,do_not_contact,stage,fee,currency/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain('Ada,ada@example.com,no,Paid,800.00,EUR');
  });

  it('keeps notes and changes on the contact and campaign timelines, newest first', async () => {
    const [ada] = (await board()).cards.filter((c) => c.contactName === 'Ada');
    expect((await call(max, 'deals.addNote', { id: ada.id, text: 'Loves oat milk' })).status).toBe(200);
    const contactFeed = (await query(mia, 'contacts.timeline', { id: ada.contactId })).data as {
      items: { kind: string }[];
    };
    expect(contactFeed.items[0].kind).toBe('note_added');
    expect(contactFeed.items.map((i) => i.kind)).toContain('stage_changed');
    expect(contactFeed.items.map((i) => i.kind).slice(-2)).toEqual(['deal_created', 'contact_created']);
    const campaignFeed = (await query(mia, 'campaigns.timeline', { id: campaignId })).data as {
      items: { kind: string }[];
    };
    expect(campaignFeed.items.at(-1)?.kind).toBe('campaign_created');
    expect(campaignFeed.items.length).toBeGreaterThan(8);
  });

  it('keeps other workspaces out and viewers read-only', async () => {
    const [card] = (await board()).cards;
    const missing = await query(olly, 'deals.byId', { id: '00000000-0000-4000-8000-000000000000' });
    const foreign = await query(olly, 'deals.byId', { id: card.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.message).toBe(missing.body.error?.message);
    for (const [path, input] of [
      ['deals.moveStage', { id: card.id, stageId: card.stageId, position: 0, version: card.version }],
      ['deals.update', { id: card.id, version: card.version, notes: 'x' }],
      ['deals.addNote', { id: card.id, text: 'x' }],
      ['deals.remove', { id: card.id }],
      ['deals.bulkMove', { ids: [card.id], stageId: card.stageId }],
      ['deals.bulkAssign', { ids: [card.id], ownerId: null }],
    ] as const) {
      expect((await call(olly, path, input)).status, path).toBe(404);
      expect((await call(vic, path, input)).status, path).toBe(403);
    }
    for (const path of ['deals.board', 'deals.list', 'deals.exportCsv'])
      expect((await query(olly, path, { campaignId })).status, path).toBe(404);
    expect((await query(olly, 'deals.timeline', { id: card.id })).status).toBe(404);
    expect((await call(olly, 'deals.create', { campaignId, contactIds })).status).toBe(404);
    expect((await call(vic, 'deals.create', { campaignId, contactIds })).status).toBe(403);
    expect((await query(vic, 'deals.board', { campaignId })).status).toBe(200);
    expect((await query(vic, 'deals.list', { campaignId })).status).toBe(200);
  });

  it('removes a deal and closes the gap in its column', async () => {
    let b = await board();
    const [first] = column(b, 'Paid');
    expect((await call(mia, 'deals.remove', { id: first.id })).status).toBe(200);
    b = await board();
    expect(column(b, 'Paid').map((c) => c.position)).toEqual([0, 1]);
    expect((await query(mia, 'deals.byId', { id: first.id })).status).toBe(404);
  });

  it("adds a Discover niche's shortlisted contacts, skipping those already in the campaign", async () => {
    const me = (await query(mia, 'auth.me')).data as { workspaceId: string };
    const fresh = await call(mia, 'contacts.create', { name: 'Shortlisted Sam' });
    const samId = (fresh.data as { id: string }).id;
    const {
      rows: [niche],
    } = await database.raw.query<{ id: string }>(
      `insert into niches (workspace_id, name, platform, budget) values ($1, 'Vegan food', 'bluesky', '{}'::jsonb) returning id`,
      [me.workspaceId],
    );
    await database.raw.query(
      'insert into shortlist (niche_id, account_id, workspace_id, contact_id) values ($1, 1, $2, $3), ($1, 2, $2, $4)',
      [niche.id, me.workspaceId, samId, contactIds[2]],
    );
    expect((await query(vic, 'deals.shortlists')).data).toEqual([
      { nicheId: niche.id, name: 'Vegan food', contacts: 2 },
    ]);
    const added = await call(mia, 'deals.createFromShortlist', { campaignId, nicheId: niche.id });
    expect(added.data).toMatchObject({
      added: [{ contactId: samId }],
      skipped: [{ contactId: contactIds[2], reason: 'already_in_campaign' }],
    });
    expect((await call(olly, 'deals.createFromShortlist', { campaignId, nicheId: niche.id })).status).toBe(
      404,
    );
    expect((await call(vic, 'deals.createFromShortlist', { campaignId, nicheId: niche.id })).status).toBe(
      403,
    );
    expect((await query(olly, 'deals.shortlists')).data).toEqual([]);
  });

  it.runIf(kind === 'postgres')('keeps every column gapless under concurrent moves', async () => {
    const created = await call(mia, 'campaigns.create', { name: 'Race' });
    const raceId = (created.data as { id: string }).id;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await call(mia, 'contacts.create', { name: `Racer ${i}` });
      ids.push((c.data as { id: string }).id);
    }
    await call(mia, 'deals.create', { campaignId: raceId, contactIds: ids });
    const raceBoard = async () => (await query(mia, 'deals.board', { campaignId: raceId })).data as Board;
    const b = await raceBoard();
    const targets = ['Contacted', 'Replied', 'Shortlisted'].map((n) => stage(b, n).id);
    const results = await Promise.all(
      b.cards.map((card, i) =>
        call(i % 2 ? max : mia, 'deals.moveStage', {
          id: card.id,
          stageId: targets[i % 3],
          position: i % 4,
          version: card.version,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(b.cards.map(() => 200));
    // The same card moved twice from one version: exactly one wins.
    const after = await raceBoard();
    const card = after.cards[0];
    const race = await Promise.all(
      [targets[0], targets[1]].map((stageId) =>
        call(mia, 'deals.moveStage', { id: card.id, stageId, position: 0, version: card.version }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
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
    const created = await call(mia, 'campaigns.create', { name: 'Crowd' });
    const crowdId = (created.data as { id: string }).id;
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) {
      const c = await call(mia, 'contacts.create', { name: `Crowd ${String(i).padStart(2, '0')}` });
      ids.push((c.data as { id: string }).id);
    }
    await call(mia, 'deals.create', { campaignId: crowdId, contactIds: ids });
    const crowd = async () => (await query(mia, 'deals.board', { campaignId: crowdId })).data as Board;
    let b = await crowd();
    const contacted = stage(b, 'Contacted').id;
    const [first, ...rest] = column(b, 'Shortlisted');
    await call(mia, 'deals.moveStage', {
      id: first.id,
      stageId: contacted,
      position: 0,
      version: first.version,
    });
    // Each card goes to index 1, so the gap there halves every time until the column is re-spaced.
    await call(mia, 'deals.moveStage', {
      id: rest[0].id,
      stageId: contacted,
      position: 1,
      version: rest[0].version,
    });
    for (const card of rest.slice(1))
      expect(
        (
          await call(mia, 'deals.moveStage', {
            id: card.id,
            stageId: contacted,
            position: 1,
            version: card.version,
          })
        ).status,
      ).toBe(200);
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
