/**
 * Upgrading an installation whose contacts were added from a shortlist before Murmur kept their
 * origin (migration 0012): migration 0016 gives each the origin that adding it today records —
 * niche, account, platform, handle, profile link, and the score and rank of the niche's scoring
 * at the time — and leaves the score unknown, never zero, where no scoring preceded it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../server/db/client.ts';
import { migrate, migrationsFolder } from '../server/db/migrate.ts';
import { contactOrigins, shortlist, workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { callerFor } from './support/caller.ts';
import { createPostgresDatabase, testDatabaseKinds } from './support/database.ts';
import { tempDir } from './support/temp-dir.ts';

const backfill = '0016_backfill_contact_origins';

/** The migrations folder as it was before `tag`: what an older Murmur shipped. */
function migrationsBefore(tag: string) {
  const folder = tempDir('murmur-old-migrations-');
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

async function openOlderInstallation(kind: 'pglite' | 'postgres') {
  const old = { migrationsFolder: migrationsBefore(backfill) };
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migratePglite(database.db as never, old);
    return database;
  }
  const created = await createPostgresDatabase('murmur_upgrade', { empty: true });
  const database = await openDatabase({ url: created.url, max: 2 });
  await migratePostgres(database.db as never, old);
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  } satisfies Database;
}

describe.each(testDatabaseKinds)('contacts shortlisted before origins were kept, on %s', (kind) => {
  it('get their origin when Murmur is upgraded, as adding them today records it', async () => {
    const database = await openOlderInstallation(kind);
    try {
      const app = createTestApp(database);
      const session = await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' });
      const mia = callerFor(database, session);
      const [agency] = await database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
      const niche = await seedScoredNiche(database.db, {
        workspaceId: agency.id,
        name: 'Fediverse cooks',
        communitySize: 10,
        platform: 'mastodon',
      });
      const top = (await mia.leaderboard.list({ nicheId: niche.nicheId, limit: 3 })).rows;
      const added = await mia.shortlist.addToContacts({
        nicheId: niche.nicheId,
        accountIds: top.map((r) => r.accountId),
      });
      const ids = added.results.map((r) => r.contactId);
      const originsOf = async () =>
        Promise.all(ids.map(async (id) => (await mia.contacts.byId({ id })).origins));
      const recorded = await originsOf();
      expect(recorded.flat()).toHaveLength(3);

      // As an older Murmur left it: the shortlist links each contact, no origin is recorded, and
      // the third account was shortlisted before the niche's first scoring.
      await database.db.delete(contactOrigins);
      await database.db
        .update(shortlist)
        .set({ addedAt: new Date('2020-01-01T00:00:00Z') })
        .where(eq(shortlist.accountId, top[2].accountId));
      expect((await originsOf()).flat()).toEqual([]);

      await migrate(database);

      const restored = await originsOf();
      const comparable = (o: (typeof recorded)[number][number]) => ({ ...o, addedAt: undefined });
      expect(restored[0].map(comparable)).toEqual(recorded[0].map(comparable));
      expect(restored[1].map(comparable)).toEqual(recorded[1].map(comparable));
      expect(restored[2]).toEqual([
        expect.objectContaining({
          nicheName: 'Fediverse cooks',
          accountId: top[2].accountId,
          platform: 'mastodon',
          handle: recorded[2][0].handle,
          profileUrl: recorded[2][0].profileUrl,
          score: null,
          rank: null,
          addedAt: '2020-01-01T00:00:00.000Z',
        }),
      ]);

      // One origin per contact, none twice.
      const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(contactOrigins);
      expect(n).toBe(3);
    } finally {
      await database.close();
    }
  });
});
