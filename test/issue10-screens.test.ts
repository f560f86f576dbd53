/**
 * Issue 10, "wrong or stuck screens", through the API: shortlisted accounts become contacts that
 * remember where they were found, communities have names that survive re-scoring, the
 * campaign timeline names its influencers, and the audit log names people and objects and
 * covers members, invitations and API keys.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { rows } from '../server/niches/niche-store.ts';
import { trpcCall, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

describe.each(testDatabaseKinds)('issue 10 screens on %s', (kind) => {
  let world: World;
  let member: Api;
  let viewer: Api;
  let outsider: Api;
  let agencyId: string;

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'i10' });
    member = callerFor(world.database, world.member, { queue: world.queue });
    viewer = callerFor(world.database, world.viewer);
    outsider = callerFor(world.database, world.outsider);
    const [agency] = await world.database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    agencyId = agency.id;
  });
  afterAll(() => world?.close());

  it('turns shortlisted Mastodon accounts into contacts that keep platform, link, niche and score', async () => {
    const niche = await seedScoredNiche(world.database.db, {
      workspaceId: agencyId,
      name: 'Fediverse cooks',
      communitySize: 10,
      platform: 'mastodon',
    });
    const [top] = (await member.leaderboard.list({ nicheId: niche.nicheId, limit: 1 })).rows;
    const added = await member.shortlist.addToContacts({
      nicheId: niche.nicheId,
      accountIds: [top.accountId],
    });
    const contact = await member.contacts.byId({ id: added.results[0].contactId });
    const [user, host] = top.handle.split('@');
    expect(contact.socialAccounts).toEqual([
      expect.objectContaining({ platform: 'mastodon', handle: top.handle, url: `https://${host}/@${user}` }),
    ]);
    expect(contact.origins).toEqual([
      expect.objectContaining({
        nicheId: niche.nicheId,
        nicheName: 'Fediverse cooks',
        accountId: top.accountId,
        platform: 'mastodon',
        profileUrl: `https://${host}/@${user}`,
        rank: 1,
      }),
    ]);
    expect(contact.origins[0].score).toBeCloseTo(top.score!, 4);

    // Adding again links the same contact and keeps the score it had when first added.
    await member.shortlist.addToContacts({ nicheId: niche.nicheId, accountIds: [top.accountId] });
    expect((await member.contacts.byId({ id: contact.id })).origins).toHaveLength(1);
    expect((await failure(outsider.contacts.byId({ id: contact.id }))).status).toBe(404);
  });

  it('reads a file-imported account’s platform from its profile link or platform column', async () => {
    const { id: nicheId } = await member.niches.create({ name: 'Streamers file', platform: 'file' });
    const edges = 'source,target\nalice,bob\nbob,carol\ncarol,alice\ndan,alice\ndan,bob\n';
    const accounts =
      'id,name,profile,platform\n' +
      'alice,Alice Streams,https://www.twitch.tv/alice_tv,\n' +
      'bob,Bob,,youtube\n' +
      'carol,Carol,,\n' +
      'dan,Dan,,\n';
    const form = new FormData();
    form.append('edges', new Blob([edges], { type: 'text/csv' }), 'edges.csv');
    form.append('accounts', new Blob([accounts], { type: 'text/csv' }), 'accounts.csv');
    form.append('format', 'csv');
    const response = await world.app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: world.member.cookie!, 'x-murmur-client': 'test' },
      body: form,
    });
    expect(response.status).toBeLessThan(300);
    await expect
      .poll(async () => (await member.niches.byId({ id: nicheId })).status, {
        timeout: 120_000,
        interval: 300,
      })
      .toBe('ready');
    const board = await member.leaderboard.list({ nicheId, limit: 10 });
    const byHandle = new Map(board.rows.map((r) => [r.handle, r]));
    const ids = ['alice', 'bob', 'carol'].map((h) => byHandle.get(h)!.accountId);
    const added = await member.shortlist.addToContacts({ nicheId, accountIds: ids });
    const contacts = await Promise.all(added.results.map((r) => member.contacts.byId({ id: r.contactId })));
    const accountsOf = contacts.map((c) => c.socialAccounts.map((a) => [a.platform, a.handle, a.url]));
    expect(accountsOf).toEqual([
      [['twitch', 'alice_tv', 'https://twitch.tv/alice_tv']],
      [['youtube', 'bob', 'https://youtube.com/@bob']],
      [['other', 'carol', null]],
    ]);
    expect(contacts[0].origins[0]).toMatchObject({
      nicheName: 'Streamers file',
      profileUrl: 'https://www.twitch.tv/alice_tv',
    });
    expect(contacts.every((c) => c.origins[0].rank !== null)).toBe(true);
  });

  it('names communities by their top accounts and keeps a rename across re-scoring', async () => {
    const niche = await seedScoredNiche(world.database.db, {
      workspaceId: agencyId,
      name: 'Planted',
      communitySize: 12,
      seed: 7,
    });
    const before = await member.leaderboard.communities({ nicheId: niche.nicheId });
    const first = before.communities[0];
    const [a, b] = first.topAccounts.map((t) => t.handle);
    expect(first).toMatchObject({ name: `@${a}, @${b} & co`, renamed: false });

    const rename = { nicheId: niche.nicheId, snapshotId: niche.snapshotId, communityId: first.id };
    expect((await failure(viewer.niches.renameCommunity({ ...rename, name: 'Nope' }))).status).toBe(403);
    expect((await failure(outsider.niches.renameCommunity({ ...rename, name: 'Nope' }))).status).toBe(404);
    expect(
      (await failure(member.niches.renameCommunity({ ...rename, communityId: 999, name: 'X' }))).status,
    ).toBe(404);
    await member.niches.renameCommunity({ ...rename, name: 'Sourdough people' });
    await member.niches.renameCommunity({ ...rename, name: 'Bread people' });
    const named = await member.leaderboard.communities({ nicheId: niche.nicheId });
    expect(named.communities.filter((c) => c.renamed).map((c) => [c.id, c.name])).toEqual([
      [first.id, 'Bread people'],
    ]);

    // A later scoring in which Louvain numbered every community differently.
    const shift = before.communities.length;
    const [later] = await rows<{ id: string }>(
      world.database.db,
      sql`insert into score_snapshots (niche_id, workspace_id, created_at, node_count, edge_count, modularity,
            community_count, communities, weights, meta)
          select niche_id, workspace_id, created_at + interval '1 hour', node_count, edge_count, modularity,
            community_count,
            (select jsonb_agg(jsonb_set(c, '{id}', to_jsonb((c->>'id')::int + ${shift}))) from jsonb_array_elements(communities) c),
            weights, meta
          from score_snapshots where id = ${niche.snapshotId} returning id`,
    );
    await rows(
      world.database.db,
      sql`insert into niche_scores (snapshot_id, account_id, rank, score, in_degree, niche_followers, reach, pagerank,
            hub, authority, betweenness, coreness, niche_affinity, audience_quality, community, percentiles)
          select ${later.id}::uuid, account_id, rank, score, in_degree, niche_followers, reach, pagerank, hub, authority,
            betweenness, coreness, niche_affinity, audience_quality, community + ${shift}, percentiles
          from niche_scores where snapshot_id = ${niche.snapshotId}`,
    );
    const after = await member.leaderboard.communities({ nicheId: niche.nicheId });
    expect(after.snapshot?.id).toBe(later.id);
    expect(after.communities.filter((c) => c.renamed).map((c) => [c.id, c.name])).toEqual([
      [first.id + shift, 'Bread people'],
    ]);

    // An empty name goes back to the top accounts.
    await member.niches.renameCommunity({
      ...rename,
      snapshotId: later.id,
      communityId: first.id + shift,
      name: '',
    });
    const reset = await member.leaderboard.communities({ nicheId: niche.nicheId });
    expect(reset.communities.some((c) => c.renamed)).toBe(false);
  });

  it('names the influencer of each campaign timeline entry', async () => {
    const ada = await member.contacts.create({ name: 'Ada Bakes' });
    const ben = await member.contacts.create({ name: 'Ben Brews' });
    const campaign = await member.campaigns.create({ name: 'Harvest' });
    await member.deals.create({ campaignId: campaign.id, contactIds: [ada.id, ben.id] });
    const feed = await member.campaigns.timeline({ id: campaign.id });
    const created = feed.items.filter((i) => i.kind === 'deal_created').map((i) => i.contactName);
    expect(created.sort()).toEqual(['Ada Bakes', 'Ben Brews']);
  });

  it('shows people and objects by name in the audit log, members and API keys included', async () => {
    const owner = await userInWorkspace(world.app, world.database, {
      email: 'olga@audit.test',
      workspace: 'Audit Co',
    });
    const boss = callerFor(world.database, owner);
    const invited = await boss.workspaces.invite({ email: 'nina@audit.test', role: 'member' });
    const joined = await trpcCall(world.app, {}, 'auth.acceptInvitation', {
      token: invited.token,
      name: 'Nina',
      password: 'long enough password',
    });
    expect(joined.status).toBe(200);
    const nina = (await boss.workspaces.members()).find((m) => m.email === 'nina@audit.test')!;
    await boss.workspaces.updateMember({ userId: nina.userId, role: 'admin' });
    const stale = await boss.workspaces.invite({ email: 'late@audit.test', role: 'viewer' });
    await boss.workspaces.revokeInvitation({ id: stale.id });
    const key = await boss.apiKeys.create({ name: 'Zapier sync', role: 'member' });
    await boss.apiKeys.remove({ id: key.id });
    await boss.workspaces.removeMember({ userId: nina.userId });
    const contact = await boss.contacts.create({ name: 'Vera Eats' });
    const campaign = await boss.campaigns.create({ name: 'Spring launch' });
    await boss.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });

    const log = await boss.audit.list({});
    const lines = log.items.map((e) => [e.entityType, e.action, e.entityName]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['invitation', 'created', 'nina@audit.test'],
        ['member', 'joined', 'Nina'],
        ['member', 'role_changed', 'Nina'],
        ['invitation', 'revoked', 'late@audit.test'],
        ['api_key', 'created', 'Zapier sync'],
        ['api_key', 'revoked', 'Zapier sync'],
        ['member', 'removed', 'Nina'],
        ['contact', 'created', 'Vera Eats'],
        ['campaign', 'created', 'Spring launch'],
        ['deal', 'created', 'Vera Eats in Spring launch'],
      ]),
    );
    const roleChange = log.items.find((e) => e.action === 'role_changed')!;
    expect(roleChange.changes).toEqual({ role: { from: 'member', to: 'admin' } });
    const deal = log.items.find((e) => e.entityType === 'deal')!;
    expect(deal.changes).toMatchObject({ campaign: 'Spring launch' });
    expect(JSON.stringify(deal.changes)).not.toContain(campaign.id);
    // The Agency's log holds none of it.
    const agencyAdmin = await userInWorkspace(world.app, world.database, {
      email: 'i10-admin@agency.test',
      workspace: 'Agency',
      role: 'admin',
    });
    const agencyLog = await callerFor(world.database, agencyAdmin).audit.list({});
    expect(JSON.stringify(agencyLog.items)).not.toMatch(/Nina|Zapier sync|audit\.test/);
  });
});
