/**
 * From Discover to the pipeline: a niche's shortlisted accounts that are already contacts
 * become deals in a campaign. The API keeps these as `deals.shortlists` and
 * `deals.createFromShortlist`; the queries read Discover's tables, so they live here.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { niches, shortlist } from '../db/schema/index.ts';
import { addContactsToCampaign } from '../deals/deals.add.ts';
import { ShortlistError } from './shortlist.errors.ts';

/** The workspace's niches that have shortlisted accounts already turned into contacts. */
export async function shortlistsOf(db: Db, workspaceId: string) {
  return db
    .select({
      nicheId: niches.id,
      name: niches.name,
      contacts: sql<number>`count(${shortlist.contactId})::int`,
    })
    .from(niches)
    .innerJoin(shortlist, eq(shortlist.nicheId, niches.id))
    .where(and(eq(niches.workspaceId, workspaceId), eq(shortlist.workspaceId, workspaceId)))
    .groupBy(niches.id, niches.name)
    .orderBy(asc(niches.name));
}

/** Adds a niche's whole shortlist (the accounts that are contacts) to a campaign. */
export async function addShortlistToCampaign(
  db: Db,
  workspaceId: string,
  campaignId: string,
  nicheId: string,
  actorUserId: string,
  now: Date,
) {
  const rows = await db
    .select({ contactId: shortlist.contactId })
    .from(shortlist)
    .innerJoin(niches, eq(niches.id, shortlist.nicheId))
    .where(
      and(
        eq(shortlist.nicheId, nicheId),
        eq(niches.workspaceId, workspaceId),
        sql`${shortlist.contactId} is not null`,
      ),
    );
  if (rows.length === 0)
    throw new ShortlistError('nothing_shortlisted', 'That niche has no shortlisted contacts.');
  return addContactsToCampaign(
    db,
    workspaceId,
    campaignId,
    rows.map((r) => r.contactId!),
    actorUserId,
    now,
  );
}
