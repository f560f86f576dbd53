/**
 * Issue 8: a `javascript:` URL must never become a link. A deal deliverable's URL accepted
 * one; only http(s) is accepted now (crawled profile URLs: see crawl-hostile.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('URLs from users on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let mia: Caller;
  let deal: { id: string; version: number };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    mia = await userInWorkspace(app, database, { email: 'mia@u.test', workspace: 'U' });
    const campaign = await trpcCall(app, mia, 'campaigns.create', { name: 'Links' });
    const contact = await trpcCall(app, mia, 'contacts.create', { name: 'Ada' });
    const campaignId = (campaign.data as { id: string }).id;
    const contactId = (contact.data as { id: string }).id;
    const added = await trpcCall(app, mia, 'deals.create', { campaignId, contactIds: [contactId] });
    const dealId = (added.data as { added: { dealId: string }[] }).added[0].dealId;
    const card = (await trpcCall(app, mia, 'deals.byId', { id: dealId }, 'query')).data as typeof deal;
    deal = { id: card.id, version: card.version };
  });
  afterAll(() => database?.close());

  it('refuses a deliverable URL that is not http(s), and keeps an https one', async () => {
    const live = (url: string) => [{ kind: 'post', platform: 'instagram', status: 'live', url }];
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>1</script>']) {
      const bad = await trpcCall(app, mia, 'deals.update', { ...deal, deliverables: live(url) });
      expect(bad.status, url).toBe(400);
      expect(bad.body.error?.message).toMatch(/http:\/\/ or https:\/\//);
    }
    const good = await trpcCall(app, mia, 'deals.update', {
      ...deal,
      deliverables: live('https://instagram.com/p/abc'),
    });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.data).toMatchObject({ deliverables: [{ url: 'https://instagram.com/p/abc' }] });
  });
});
