/**
 * An imported file's own account columns (views, partner, language…) for the leaderboard's
 * optional columns. They live in niche_accounts.attributes as read from the file.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { nicheAccounts } from '../db/schema/index.ts';
import { rows } from '../niches/niche-store.ts';

type AttributeValue = string | number | boolean | null;

/** Files give every row the same columns: the first rows with any tell them, without a full scan. */
const SAMPLE_ROWS = 1000;
const MAX_KEYS = 100;

/** The attribute names found in the niche's accounts (in jsonb's key order, not the file's). */
export async function attributeKeys(db: Db, nicheId: string): Promise<string[]> {
  const found = await rows<{ attributes: Record<string, AttributeValue> }>(
    db,
    sql`select attributes from niche_accounts
        where niche_id = ${nicheId} and attributes is not null order by id limit ${SAMPLE_ROWS}`,
  );
  const keys = new Set<string>();
  for (const r of found) for (const k of Object.keys(r.attributes ?? {})) keys.add(k);
  return [...keys].slice(0, MAX_KEYS);
}

/** Each account's attributes, for one page of the leaderboard. */
export async function attributesOf(db: Db, nicheId: string, accountIds: number[]) {
  if (accountIds.length === 0) return new Map<number, Record<string, AttributeValue>>();
  const found = await db
    .select({ id: nicheAccounts.id, attributes: nicheAccounts.attributes })
    .from(nicheAccounts)
    .where(and(eq(nicheAccounts.nicheId, nicheId), inArray(nicheAccounts.id, accountIds)));
  return new Map(found.map((r) => [r.id, r.attributes ?? {}]));
}
