import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../server/contacts/csv.ts';
import type { Database } from '../server/db/client.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

// What a spreadsheet exported in a European locale looks like: BOM, semicolons, CRLF,
// a quoted note spanning lines, a row repeated, a bad email, a duplicate handle, a blank line.
const messy = [
  '\uFEFFName;E-mail;Tags;Instagram;Notes',
  'Vera Vegan;vera@example.com;food, vegan;@vera.eats;"Met at VeggieWorld;',
  'loves ""oat"" milk"',
  'Ben Bean;BEN@example.com;fitness;benbean;',
  'Vera Vegan;vera@example.com;food, vegan;@vera.eats;dup',
  'Carl Broken;carl-at-example;food;;',
  ';nobody@example.com;;;',
  '',
  'Dora Dup Handle;dora@example.com;;BenBean;',
  'Existing Eve;eve@example.com;;;',
].join('\r\n');

describe.each(testDatabaseKinds)('contact import, export and erasure on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let mia: Api;
  let max: Api;
  const total = async () => (await mia.contacts.list({})).total;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    const signIn = (email: string) => userInWorkspace(app, database, { email, workspace: 'Agency' });
    mia = callerFor(database, await signIn('mia@agency.test'));
    max = callerFor(database, await signIn('max@agency.test'));
    await mia.contacts.create({ name: 'Eve', emails: ['Eve@example.com'] });
  });
  afterAll(() => database.close());

  it('previews a messy CSV row by row without importing anything', async () => {
    const result = await mia.contacts.importCsv({ csv: messy });
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual(['Name', 'E-mail', 'Tags', 'Instagram', 'Notes']);
    expect(result.mapping).toMatchObject({
      name: 0,
      emails: 1,
      tags: 2,
      notes: 4,
      handles: { instagram: 3 },
    });
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'new'],
      [4, 'new'],
      [5, 'duplicate'],
      [6, 'invalid'],
      [7, 'invalid'],
      [9, 'duplicate'],
      [10, 'exists'],
    ]);
    expect(result.rows[0]).toMatchObject({ name: 'Vera Vegan', emails: ['vera@example.com'] });
    expect(result.rows[1].emails).toEqual(['ben@example.com']);
    expect(result.rows[2].matches).toBe('line 2');
    expect(result.rows[3].errors).toEqual(['“carl-at-example” is not a valid email.']);
    expect(result.rows[4].errors).toEqual(['Name is missing.']);
    expect(result.rows[5].matches).toBe('line 4');
    expect(result.rows[6].matches).toBe('Eve');
    expect(result.counts).toEqual({ new: 2, duplicate: 2, exists: 1, invalid: 2 });
    expect(await total()).toBe(1);
  });

  it('refuses to import a file with errors unless told to skip them, and then imports all at once', async () => {
    const refused = await failure(mia.contacts.importCsv({ csv: messy, dryRun: false }));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/2 rows have errors.*Nothing was imported/);
    expect(await total()).toBe(1);

    const done = await mia.contacts.importCsv({ csv: messy, dryRun: false, skipInvalid: true });
    expect(done.imported).toBe(2);
    expect(await total()).toBe(3);
    const [vera] = (await mia.contacts.list({ search: 'vera' })).items;
    expect(vera).toMatchObject({
      notes: 'Met at VeggieWorld;\r\nloves "oat" milk',
      tags: ['food', 'vegan'],
      socialAccounts: [{ platform: 'instagram', handle: 'vera.eats' }],
    });
    // Importing the same file again finds everyone already there.
    const again = await mia.contacts.importCsv({ csv: messy });
    expect(again.counts).toMatchObject({ new: 0, exists: 3 });
  });

  it('maps platform columns by name, reads profile links, and imports what it previewed', async () => {
    const csv = [
      'Name;E-mail;Instagram;TikTok;Tags',
      'Ivy Insta;ivy@example.com;https://www.instagram.com/ivy.cooks/;@ivycooks;food, travel',
      'Tom Tok;tom@example.com;tom.gram;https://www.tiktok.com/@tom.tok?lang=en;dance',
      'Bea Sky;bea@example.com;https://bsky.app/profile/bea.bsky.social;;art',
      'Una Link;una@example.com;https://example.com/about;;',
    ].join('\n');
    // A workspace of its own, so the other tests' counts stay as they are.
    const ida = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'ida@studio.test', workspace: 'Studio' }),
    );
    const preview = await ida.contacts.importCsv({ csv });
    expect(preview.mapping).toEqual({ name: 0, emails: 1, tags: 4, handles: { instagram: 2, tiktok: 3 } });
    expect(preview.rows.map((r) => [r.name, r.status, r.tags, r.handles])).toEqual([
      [
        'Ivy Insta',
        'new',
        ['food', 'travel'],
        [
          { platform: 'instagram', handle: 'ivy.cooks' },
          { platform: 'tiktok', handle: 'ivycooks' },
        ],
      ],
      [
        'Tom Tok',
        'new',
        ['dance'],
        [
          { platform: 'instagram', handle: 'tom.gram' },
          { platform: 'tiktok', handle: 'tom.tok' },
        ],
      ],
      ['Bea Sky', 'new', ['art'], [{ platform: 'bluesky', handle: 'bea.bsky.social' }]],
      ['Una Link', 'invalid', [], []],
    ]);
    expect(preview.rows[3].errors).toEqual([
      '“https://example.com/about” in the instagram column is neither a handle nor a profile link.',
    ]);

    const done = await ida.contacts.importCsv({
      csv,
      mapping: preview.mapping,
      dryRun: false,
      skipInvalid: true,
    });
    expect(done.imported).toBe(3);
    for (const row of preview.rows.slice(0, 3)) {
      const { items } = await ida.contacts.list({ search: row.name });
      expect(items).toHaveLength(1);
      expect(items[0].tags).toEqual(row.tags);
      expect(items[0].socialAccounts.map(({ platform, handle }) => ({ platform, handle }))).toEqual(
        expect.arrayContaining(row.handles),
      );
      expect(items[0].socialAccounts).toHaveLength(row.handles.length);
    }
  });

  it('uses the mapping it is given, and viewers cannot import', async () => {
    const csv = 'handle,who\n@zed,Zed Zebra\n';
    const result = await mia.contacts.importCsv({
      csv,
      mapping: { name: 1, handles: { bluesky: 0 } },
      dryRun: false,
    });
    expect(result.imported).toBe(1);
    const viewer = callerFor(
      database,
      await userInWorkspace(app, database, {
        email: 'vic@agency.test',
        workspace: 'Agency',
        role: 'viewer',
      }),
    );
    expect((await failure(viewer.contacts.importCsv({ csv }))).status).toBe(403);
    expect((await failure(mia.contacts.importCsv({ csv: '' }))).status).toBe(400);
  });

  it('exports contacts as CSV that guards against spreadsheet formulas', async () => {
    await mia.contacts.create({ name: '=HYPERLINK("x")', emails: ['f@example.com'] });
    const { csv } = await mia.contacts.exportCsv({});
    expect(csv.split('\r\n')[0]).toBe('name,emails,tags,notes,do_not_contact,bluesky,instagram');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",f@example.com`);
    // It reads back as it was written, the note with a line break included.
    const parsed = parseCsv(csv);
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rows.find((r) => r.cells[0] === 'Vera Vegan')?.cells[3]).toBe(
      'Met at VeggieWorld;\r\nloves "oat" milk',
    );
  });

  it('exports everything about a contact, then erases them leaving an audit entry without personal data', async () => {
    const [vera] = (await mia.contacts.list({ search: 'vera' })).items;
    const { id: campaignId } = await mia.campaigns.create({ name: 'Spring' });
    const others = (await mia.contacts.list({})).items.map((c) => c.id).filter((id) => id !== vera.id);
    await mia.deals.create({ campaignId, contactIds: [others[0], vera.id, others[1]] });
    const board = await mia.deals.board({ campaignId });
    const veraDeal = board.cards.find((c) => c.contactId === vera.id)!;
    await mia.deals.addNote({ id: veraDeal.id, text: 'Vera prefers DMs' });

    expect((await failure(max.contacts.exportData({ id: vera.id }))).status).toBe(403);
    const exported = await mia.contacts.exportData({ id: vera.id });
    expect(exported.contact.name).toBe('Vera Vegan');
    expect(exported.deals.map((d) => d.campaign)).toEqual(['Spring']);
    expect(exported.timeline.map((t) => t.kind)).toEqual(['contact_imported', 'deal_created', 'note_added']);
    expect(exported.changeHistory.map((a) => a.action)).toContain('imported');

    expect((await failure(max.contacts.erase({ id: vera.id }))).status).toBe(403);
    await mia.contacts.erase({ id: vera.id });
    expect((await failure(mia.contacts.byId({ id: vera.id }))).status).toBe(404);
    const after = await mia.deals.board({ campaignId });
    expect(after.cards.map((c) => c.position).sort()).toEqual([0, 1]);

    // Nothing anywhere still says who Vera was.
    for (const table of ['contacts', 'contact_social_accounts', 'deals', 'activities', 'audit_log']) {
      const { rows } = await database.raw.query(`select * from ${table}`);
      const text = JSON.stringify(rows);
      expect(text, table).not.toMatch(/Vera Vegan|vera@example|vera\.eats/i);
      expect(text, table).not.toContain('prefers DMs');
    }
    const audit = await mia.audit.list({ entityId: vera.id });
    expect(audit.items).toEqual([expect.objectContaining({ action: 'erased', changes: {} })]);
    expect((await failure(max.audit.list({}))).status).toBe(403);
  });

  it('marks a contact do-not-contact, which keeps them out of new deals', async () => {
    const eve = (await mia.contacts.list({ search: 'eve' })).items[0];
    const flagged = await mia.contacts.update({ id: eve.id, doNotContact: true });
    expect(flagged).toMatchObject({ doNotContact: true, emails: ['eve@example.com'] });
    const campaign = await mia.campaigns.create({ name: 'Summer' });
    const added = await mia.deals.create({ campaignId: campaign.id, contactIds: [eve.id] });
    expect(added).toEqual({ added: [], skipped: [{ contactId: eve.id, reason: 'do_not_contact' }] });
  });
});
