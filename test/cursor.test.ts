/** Page cursors come back from clients: a crafted one must get a clear 400, never a server error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const uuid = '5f1d7a52-3c7e-4a8e-9a57-0e3c1f2b9d10';

describe.each(testDatabaseKinds)('page cursors on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let owner: Caller;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    owner = await userInWorkspace(app, database, { email: 'own@agency.test', workspace: 'Agency' });
    const api = callerFor(database, owner);
    for (const name of ['Ada', 'Ben', 'Cleo']) await api.contacts.create({ name });
  });
  afterAll(() => database.close());

  const lists = {
    'audit.list': (api: Api, cursor: string) => api.audit.list({ cursor, limit: 1 }),
    'contacts.list': (api: Api, cursor: string) => api.contacts.list({ cursor, limit: 1 }),
  };

  it('pages through contacts and the audit log with the cursors it hands out', async () => {
    const api = callerFor(database, owner);
    const first = await api.contacts.list({ limit: 1 });
    const second = await api.contacts.list({ limit: 1, cursor: first.nextCursor! });
    expect([first.items[0].name, second.items[0].name]).toEqual(['Ada', 'Ben']);
    const audit = await api.audit.list({ limit: 1 });
    const older = await api.audit.list({ limit: 1, cursor: audit.nextCursor! });
    expect(older.items[0].id).not.toBe(audit.items[0].id);
  });

  const both = ['audit.list', 'contacts.list'] as const;
  it.each([
    ['garbage', 'not-a-cursor', both],
    // A contact cursor holds a name, so only the audit log's is a date.
    ['a date that is not one', crafted(['yesterday', uuid]), ['audit.list'] as const],
    ['an id that is not a uuid', crafted(['2026-03-01T10:00:00.000Z', 'x']), both],
    ['a NUL byte', crafted(['a\u0000', uuid]), both],
  ])('answers a crafted cursor (%s) with 400', async (_, cursor, paths) => {
    const api = callerFor(database, owner);
    for (const path of paths) {
      const refused = await failure(lists[path](api, cursor));
      expect(refused.status, path).toBe(400);
      expect(refused.message, path).toMatch(/page cursor is not valid/);
    }
  });
});
