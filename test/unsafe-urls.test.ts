/**
 * Issue 8: a `javascript:` URL must never become a link. A deal deliverable's URL accepted
 * one; only http(s) is accepted now (crawled profile URLs: see crawl-hostile.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('URLs from users on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let mia: Caller;
  let api: Api;
  let deal: { id: string; version: number };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    mia = await userInWorkspace(app, database, { email: 'mia@u.test', workspace: 'U' });
    api = callerFor(database, mia);
    const { id: campaignId } = await api.campaigns.create({ name: 'Links' });
    const { id: contactId } = await api.contacts.create({ name: 'Ada' });
    const added = await api.deals.create({ campaignId, contactIds: [contactId] });
    const card = await api.deals.byId({ id: added.added[0].dealId });
    deal = { id: card.id, version: card.version };
  });
  afterAll(() => database?.close());

  // The refusals over HTTP: their field messages are what the error formatter puts in the body.
  it('refuses a deliverable URL that is not http(s), and keeps an https one', async () => {
    const live = (url: string) => [
      { kind: 'post' as const, platform: 'instagram' as const, status: 'live' as const, url },
    ];
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>1</script>']) {
      const bad = await trpcCall(app, mia, 'deals.update', { ...deal, deliverables: live(url) });
      expect(bad.status, url).toBe(400);
      expect(bad.body.error?.message).toMatch(/http:\/\/ or https:\/\//);
    }
    const good = await api.deals.update({ ...deal, deliverables: live('https://instagram.com/p/abc') });
    expect(good).toMatchObject({ deliverables: [{ url: 'https://instagram.com/p/abc' }] });
  });
});
