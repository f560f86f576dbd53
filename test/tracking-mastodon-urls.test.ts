/**
 * A Mastodon status pasted as another instance shows it — a remote account's status under
 * `/@alice@other.example/ID`, or an id the named instance does not know — is resolved by asking
 * the instance the address names (/api/v2/search?q=URL&resolve=true), then tracked as usual.
 * Against the loopback Mastodon instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { type FakeMastodon, startFakeMastodon } from './fakes/mastodon-server.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

describe.each(testDatabaseKinds)('tracking Mastodon statuses by any address on %s', (kind) => {
  const graph = buildFakeGraph({
    edges: Array.from({ length: 3 }, (_, i) => [`fan${i}`, 'alice'] as [string, string]),
  });
  const alice = graph.byName.get('useralice')!;
  let database: Database;
  let masto: FakeMastodon;
  let mia: Api;
  let dealId = '';
  const searches = () => masto.stats.byPath['/api/v2/search'] ?? 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    masto = await startFakeMastodon({
      graph,
      domain: 'masto.test',
      rateLimit: { limit: 100_000, windowMs: 60_000 },
    });
    const config = loadConfig({
      DATA_DIR: tempDir('murmur-masto-urls-'),
      SESSION_SECRET: 'x'.repeat(40),
      MASTODON_INSTANCE_URLS: `masto.test=${masto.url}`,
    });
    const app = createTestApp(database);
    const session = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
    // Posts are tracked from their time on; the generated ones are a few days old.
    const now = () => new Date(Date.parse(graph.accounts[alice]!.posts[0]!.createdAt) + 60_000);
    mia = callerFor(database, session, { now, config });
    const campaign = await mia.campaigns.create({ name: 'Fediverse', currency: 'EUR' });
    const contact = await mia.contacts.create({
      name: 'Alice',
      socialAccounts: [{ platform: 'mastodon', handle: masto.acct(alice) }],
    });
    const { added } = await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
    dealId = added[0]!.dealId;
  });
  afterAll(async () => {
    await masto?.close();
    await database?.close();
  });

  const trackedUrls = async () => (await mia.tracking.listForDeal({ dealId })).map((p) => p.url);

  it("resolves a remote account's status as the instance it names shows it", async () => {
    masto.spread
      .on(alice, 1)
      .likes.push({ by: graph.byName.get('userfan0')!, at: graph.accounts[alice]!.posts[1]!.createdAt });
    const shown = 'https://masto.test/@alice@other.example/424242';
    masto.foreignUrls.set(shown, { account: alice, post: 1 });
    const before = searches();
    expect(await mia.tracking.track({ dealId, url: shown })).toMatchObject({ authorMismatch: false });
    expect(searches()).toBe(before + 1);
    expect(await trackedUrls()).toContain(`https://masto.test/@useralice/${masto.statusId(alice, 1)}`);
    const [post] = await mia.tracking.listForDeal({ dealId });
    expect(post!.snapshots[0]).toMatchObject({ likes: 1 });
  });

  it('asks the named instance to resolve an address whose id it does not know', async () => {
    const elsewhere = 'https://masto.test/@useralice/987654321';
    masto.foreignUrls.set(elsewhere, { account: alice, post: 2 });
    await mia.tracking.track({ dealId, url: elsewhere });
    expect(await trackedUrls()).toContain(`https://masto.test/@useralice/${masto.statusId(alice, 2)}`);
    // A status the instance knows by its own address needs no search.
    const before = searches();
    await mia.tracking.track({ dealId, url: `https://masto.test/@useralice/${masto.statusId(alice, 0)}` });
    expect(searches()).toBe(before);
  });

  it('says the post cannot be found when the instance cannot resolve it either', async () => {
    const gone = await failure(
      mia.tracking.track({ dealId, url: 'https://masto.test/@bob@other.example/1' }),
    );
    expect(gone).toMatchObject({ status: 404, message: expect.stringMatching(/cannot be found/) });
  });
});
