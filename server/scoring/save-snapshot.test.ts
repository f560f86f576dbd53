import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreNiche, seededRng } from '../../graph/index.ts';
import { openTestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { niches, workspaces } from '../db/schema/index.ts';
import { rows } from '../niches/niche-store.ts';
import { saveSnapshot } from './save-snapshot.ts';

describe.each(testDatabaseKinds)('saving a score snapshot on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('stores values too small for a float32 column as 0 instead of failing', async () => {
    const [w] = await database.db.insert(workspaces).values({ name: 'w' }).returning();
    const [n] = await database.db
      .insert(niches)
      .values({
        workspaceId: w.id,
        name: 'n',
        platform: 'file',
        budget: { maxRequests: 1, maxAccounts: 1, maxMinutes: 1 },
      })
      .returning();
    const scores = scoreNiche(
      { nodeCount: 3, sources: Int32Array.of(0, 1, 2), targets: Int32Array.of(1, 2, 0) },
      { rng: seededRng(1) },
    );
    scores.hubs[0] = 1e-45;
    scores.betweenness[1] = 5e-324;
    const snapshotId = await saveSnapshot(
      database.db,
      { nicheId: n.id, workspaceId: w.id },
      Float64Array.of(11, 12, 13),
      scores,
    );
    const stored = await rows<{ account_id: string; hub: number; betweenness: number }>(
      database.db,
      sql`select account_id, hub, betweenness from niche_scores where snapshot_id = ${snapshotId} order by account_id`,
    );
    expect(stored).toHaveLength(3);
    expect(stored[0].hub).toBe(0);
    expect(stored[1].betweenness).toBe(0);
  });
});
