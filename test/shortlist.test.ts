import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/discover/leaderboard/leaderboard.seed.ts';
import { type Caller, createTestApp, trpcCall, userInWorkspace } from './support/app.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';

type Entry = { accountId: number; handle: string; contactId: string | null; rank: number | null };
type Added = { created: number; linked: number; results: { accountId: number; contactId: string }[] };

describe.each(testDatabaseKinds)('shortlist on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let member: Caller;
  let viewer: Caller;
  let outsider: Caller;
  let niche: Awaited<ReturnType<typeof seedScoredNiche>>;
  let top: number[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    member = await userInWorkspace(app, database, { email: 'mo@agency.test', workspace: 'Agency' });
    viewer = await userInWorkspace(app, database, {
      email: 'vi@agency.test',
      workspace: 'Agency',
      role: 'viewer',
    });
    outsider = await userInWorkspace(app, database, { email: 'otto@rival.test', workspace: 'Rival' });
    const [agency] = await database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    niche = await seedScoredNiche(database.db, {
      workspaceId: agency.id,
      communitySize: 15,
      platform: 'mastodon',
    });
    const page = await trpcCall(
      app,
      member,
      'leaderboard.list',
      { nicheId: niche.nicheId, limit: 3 },
      'query',
    );
    top = (page.data as { rows: { accountId: number }[] }).rows.map((r) => r.accountId);
  });
  afterAll(() => database.close());

  const list = async (who = member) =>
    (await trpcCall(app, who, 'shortlist.list', { nicheId: niche.nicheId }, 'query')).data as Entry[];

  it('adds accounts once, shows them on the leaderboard, and removes them', async () => {
    const added = await trpcCall(app, member, 'shortlist.add', { nicheId: niche.nicheId, accountIds: top });
    expect(added.data).toEqual({ added: 3 });
    const again = await trpcCall(app, member, 'shortlist.add', { nicheId: niche.nicheId, accountIds: top });
    expect(again.data).toEqual({ added: 0 });
    expect((await list(viewer)).map((e) => e.rank)).toEqual([1, 2, 3]);
    const page = await trpcCall(
      app,
      member,
      'leaderboard.list',
      { nicheId: niche.nicheId, limit: 4 },
      'query',
    );
    expect((page.data as { rows: { shortlisted: boolean }[] }).rows.map((r) => r.shortlisted)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    await trpcCall(app, member, 'shortlist.remove', { nicheId: niche.nicheId, accountId: top[2] });
    expect((await list()).map((e) => e.accountId)).toEqual(top.slice(0, 2));
  });

  it('refuses viewers, strangers, foreign accounts and bad input', async () => {
    const byViewer = await trpcCall(app, viewer, 'shortlist.add', {
      nicheId: niche.nicheId,
      accountIds: top,
    });
    expect(byViewer.status).toBe(403);
    const byOutsider = await trpcCall(app, outsider, 'shortlist.list', { nicheId: niche.nicheId }, 'query');
    expect(byOutsider.status).toBe(404);
    const unknown = await trpcCall(app, member, 'shortlist.add', {
      nicheId: niche.nicheId,
      accountIds: [999999],
    });
    expect(unknown.status).toBe(404);
    const empty = await trpcCall(app, member, 'shortlist.add', { nicheId: niche.nicheId, accountIds: [] });
    expect(empty.status).toBe(400);
    const toContacts = await trpcCall(app, viewer, 'shortlist.addToContacts', {
      nicheId: niche.nicheId,
      accountIds: top,
    });
    expect(toContacts.status).toBe(403);
  });

  it('turns accounts into contacts once, even when asked twice at the same time', async () => {
    const input = { nicheId: niche.nicheId, accountIds: top };
    const [a, b] = await Promise.all([
      trpcCall(app, member, 'shortlist.addToContacts', input),
      trpcCall(app, member, 'shortlist.addToContacts', input),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const results = [a.data as Added, b.data as Added];
    expect(results[0].created + results[1].created).toBe(3);
    expect(results[0].results.map((r) => r.contactId)).toEqual(results[1].results.map((r) => r.contactId));
    const third = (await trpcCall(app, member, 'shortlist.addToContacts', input)).data as Added;
    expect(third).toMatchObject({ created: 0, linked: 3 });

    const contacts = await trpcCall(app, member, 'contacts.list', { search: 'mastodon.social' }, 'query');
    const page = contacts.data as {
      total: number;
      items: { name: string; notes: string; socialAccounts: { platform: string; handle: string }[] }[];
    };
    expect(page.total).toBe(3);
    const [first] = page.items;
    expect(first.socialAccounts[0].platform).toBe('mastodon');
    expect(first.notes).toMatch(
      /^Found in the niche “Seeded niche” on Murmur\.\nProfile: https:\/\/mastodon\.social\/@user/,
    );
    expect((await list()).every((e) => e.contactId)).toBe(true);
  });
});
