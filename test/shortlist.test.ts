import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { type Api, callerFor, failure } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

describe.each(testDatabaseKinds)('shortlist on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let member: Api;
  let viewer: Api;
  let outsider: Api;
  let niche: Awaited<ReturnType<typeof seedScoredNiche>>;
  let top: number[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    const signIn = (email: string, workspace: string, role?: 'viewer') =>
      userInWorkspace(app, database, { email, workspace, role });
    member = callerFor(database, await signIn('mo@agency.test', 'Agency'));
    viewer = callerFor(database, await signIn('vi@agency.test', 'Agency', 'viewer'));
    outsider = callerFor(database, await signIn('otto@rival.test', 'Rival'));
    const [agency] = await database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    niche = await seedScoredNiche(database.db, {
      workspaceId: agency.id,
      communitySize: 15,
      platform: 'mastodon',
    });
    const page = await member.leaderboard.list({ nicheId: niche.nicheId, limit: 3 });
    top = page.rows.map((r) => r.accountId);
  });
  afterAll(() => database.close());

  const list = (who = member) => who.shortlist.list({ nicheId: niche.nicheId });

  it('adds accounts once, shows them on the leaderboard, and removes them', async () => {
    const input = { nicheId: niche.nicheId, accountIds: top };
    expect(await member.shortlist.add(input)).toEqual({ added: 3 });
    expect(await member.shortlist.add(input)).toEqual({ added: 0 });
    expect((await list(viewer)).map((e) => e.rank)).toEqual([1, 2, 3]);
    const page = await member.leaderboard.list({ nicheId: niche.nicheId, limit: 4 });
    expect(page.rows.map((r) => r.shortlisted)).toEqual([true, true, true, false]);
    await member.shortlist.remove({ nicheId: niche.nicheId, accountId: top[2] });
    expect((await list()).map((e) => e.accountId)).toEqual(top.slice(0, 2));
  });

  it('refuses viewers, strangers, foreign accounts and bad input', async () => {
    const nicheId = niche.nicheId;
    expect((await failure(viewer.shortlist.add({ nicheId, accountIds: top }))).status).toBe(403);
    expect((await failure(outsider.shortlist.list({ nicheId }))).status).toBe(404);
    expect((await failure(member.shortlist.add({ nicheId, accountIds: [999999] }))).status).toBe(404);
    expect((await failure(member.shortlist.add({ nicheId, accountIds: [] }))).status).toBe(400);
    expect((await failure(viewer.shortlist.addToContacts({ nicheId, accountIds: top }))).status).toBe(403);
  });

  it('turns accounts into contacts once, even when asked twice at the same time', async () => {
    const input = { nicheId: niche.nicheId, accountIds: top };
    const results = await Promise.all([
      member.shortlist.addToContacts(input),
      member.shortlist.addToContacts(input),
    ]);
    expect(results[0].created + results[1].created).toBe(3);
    expect(results[0].results.map((r) => r.contactId)).toEqual(results[1].results.map((r) => r.contactId));
    expect(await member.shortlist.addToContacts(input)).toMatchObject({ created: 0, linked: 3 });

    const page = await member.contacts.list({ search: 'mastodon.social' });
    expect(page.total).toBe(3);
    const [first] = page.items;
    expect(first.socialAccounts[0].platform).toBe('mastodon');
    expect(first.notes).toMatch(
      /^Found in the niche “Seeded niche” on Murmur\.\nProfile: https:\/\/mastodon\.social\/@user/,
    );
    expect((await list()).every((e) => e.contactId)).toBe(true);
  });
});
