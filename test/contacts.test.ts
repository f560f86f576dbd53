import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure, type RouterInputs } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('contacts on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let marketer: Caller;
  let api: Api;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    marketer = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    api = callerFor(database, marketer);
  });
  afterAll(() => database.close());

  const create = (input: RouterInputs['contacts']['create']) => api.contacts.create(input);
  const list = (input: RouterInputs['contacts']['list']) => api.contacts.list(input);

  it('creates a contact with emails, tags and social accounts, normalised', async () => {
    const contact = await create({
      name: '  Vera Vegan ',
      emails: ['Vera@Example.com', 'vera@example.com'],
      tags: ['food', 'vegan', 'food'],
      notes: 'Met at VeggieWorld',
      socialAccounts: [
        { platform: 'bluesky', handle: '@vera.bsky.social' },
        { platform: 'mastodon', handle: 'vera@mastodon.social' },
      ],
    });
    expect(contact).toMatchObject({
      name: 'Vera Vegan',
      emails: ['vera@example.com'],
      tags: ['food', 'vegan'],
    });
    expect(contact.socialAccounts.map((a) => `${a.platform}:${a.handle}`)).toEqual([
      'bluesky:vera.bsky.social',
      'mastodon:vera@mastodon.social',
    ]);
    const fetched = await api.contacts.byId({ id: contact.id });
    expect(fetched).toEqual(contact);
  });

  // Over HTTP: the field messages are what the error formatter puts in the response body.
  it('rejects bad input with field messages and stores nothing', async () => {
    const before = (await list({})).total;
    const bad = await trpcCall(app, marketer, 'contacts.create', {
      name: '',
      emails: ['not-an-email'],
      socialAccounts: [{ platform: 'myspace', handle: 'x' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/name: Enter a name/);
    expect(bad.body.error?.message).toMatch(/emails.0: Enter valid email addresses/);
    expect((await list({})).total).toBe(before);
  });

  it('refuses a social account that another contact already has, case-insensitively', async () => {
    const dup = await failure(
      create({
        name: 'Impostor',
        socialAccounts: [{ platform: 'bluesky', handle: 'VERA.bsky.social' }],
      }),
    );
    expect(dup.status).toBe(409);
    expect(dup.message).toBe('Another contact already has that social account.');
    expect((await list({ search: 'impostor' })).total).toBe(0);
  });

  it('finds contacts by name, email, tag and handle, and pages through them in name order', async () => {
    for (let i = 0; i < 23; i++)
      await create({ name: `Blogger ${String(i).padStart(2, '0')}`, tags: i % 2 ? ['odd'] : [] });
    expect((await list({ search: 'vera@exa' })).items.map((c) => c.name)).toEqual(['Vera Vegan']);
    expect((await list({ search: 'VEGAN' })).items.map((c) => c.name)).toEqual(['Vera Vegan']);
    expect((await list({ search: 'bsky.social' })).items.map((c) => c.name)).toEqual(['Vera Vegan']);
    expect((await list({ search: '100%' })).total).toBe(0);
    expect((await list({ tag: 'odd' })).total).toBe(11);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ search: 'blogger', limit: 10, cursor });
      expect(page.total).toBe(23);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(23);
  });

  it('updates fields and replaces social accounts, then deletes', async () => {
    const [vera] = (await list({ search: 'vera' })).items;
    const updated = await api.contacts.update({
      id: vera.id,
      notes: 'Prefers email',
      socialAccounts: [{ platform: 'instagram', handle: 'vera.eats' }],
    });
    expect(updated).toMatchObject({
      name: 'Vera Vegan',
      notes: 'Prefers email',
      socialAccounts: [{ platform: 'instagram', handle: 'vera.eats' }],
    });
    // The released handle is free again.
    const newVera = await create({
      name: 'New Vera',
      socialAccounts: [{ platform: 'bluesky', handle: 'vera.bsky.social' }],
    });
    expect(newVera.name).toBe('New Vera');

    await api.contacts.remove({ id: vera.id });
    expect((await failure(api.contacts.byId({ id: vera.id }))).status).toBe(404);
    expect((await failure(api.contacts.remove({ id: vera.id }))).status).toBe(404);
  });

  it('rejects a forged page cursor with a clear message', async () => {
    const refused = await failure(list({ cursor: 'garbage' }));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/cursor is not valid/);
  });
});
