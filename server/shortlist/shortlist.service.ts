/**
 * The accounts a team picked from a niche, and turning them into contacts. A contact is
 * matched by its social account (platform + handle, unique per workspace), so adding an
 * account twice, or from two tabs at once, links the contact that exists instead of
 * creating a duplicate.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ContactError } from '../contacts/contacts.errors.ts';
import { createContact } from '../contacts/contacts.service.ts';
import type { Db } from '../db/client.ts';
import type { Platform } from '../db/schema/index.ts';
import {
  contactSocialAccounts,
  nicheAccounts,
  nicheScores,
  scoreSnapshots,
  shortlist,
} from '../db/schema/index.ts';
import { profileUrl } from '../leaderboard/leaderboard.account.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { ShortlistError } from './shortlist.errors.ts';

export async function listShortlist(db: Db, workspaceId: string, nicheId: string) {
  await requireNiche(db, workspaceId, nicheId);
  const latest = db
    .select({ id: scoreSnapshots.id })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(sql`${scoreSnapshots.createdAt} desc`)
    .limit(1);
  return db
    .select({
      accountId: shortlist.accountId,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      followers: nicheAccounts.followersCount,
      contactId: shortlist.contactId,
      addedAt: shortlist.addedAt,
      rank: nicheScores.rank,
      score: nicheScores.score,
    })
    .from(shortlist)
    .innerJoin(nicheAccounts, eq(nicheAccounts.id, shortlist.accountId))
    .leftJoin(
      nicheScores,
      and(eq(nicheScores.accountId, shortlist.accountId), sql`${nicheScores.snapshotId} = (${latest})`),
    )
    .where(eq(shortlist.nicheId, nicheId))
    .orderBy(sql`${nicheScores.rank} asc nulls last`, asc(shortlist.addedAt), asc(shortlist.accountId));
}

async function requireAccounts(db: Db, nicheId: string, accountIds: number[]) {
  const unique = [...new Set(accountIds)];
  const rows = await db
    .select({
      id: nicheAccounts.id,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      url: nicheAccounts.url,
    })
    .from(nicheAccounts)
    .where(and(eq(nicheAccounts.nicheId, nicheId), inArray(nicheAccounts.id, unique)));
  if (rows.length !== unique.length)
    throw new ShortlistError('unknown_accounts', 'Some of those accounts are not in this niche.');
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => byId.get(id)!);
}

export async function addToShortlist(
  db: Db,
  workspaceId: string,
  userId: string,
  nicheId: string,
  accountIds: number[],
) {
  await requireNiche(db, workspaceId, nicheId);
  const accounts = await requireAccounts(db, nicheId, accountIds);
  const added = await db
    .insert(shortlist)
    .values(accounts.map((a) => ({ nicheId, accountId: a.id, workspaceId, addedBy: userId })))
    .onConflictDoNothing()
    .returning({ accountId: shortlist.accountId });
  return { added: added.length };
}

export async function removeFromShortlist(db: Db, workspaceId: string, nicheId: string, accountId: number) {
  await requireNiche(db, workspaceId, nicheId);
  const removed = await db
    .delete(shortlist)
    .where(and(eq(shortlist.nicheId, nicheId), eq(shortlist.accountId, accountId)))
    .returning({ accountId: shortlist.accountId });
  return { removed: removed.length };
}

const contactPlatform = (platform: string): Platform =>
  platform === 'bluesky' || platform === 'mastodon' ? platform : 'other';

/**
 * One transaction: every account is shortlisted, then linked to the contact holding its
 * platform handle or to a new contact. A concurrent request that wins the race on the
 * handle's unique index makes createContact fail inside its savepoint; we then link the
 * contact it created.
 */
export async function addShortlistToContacts(
  db: Db,
  workspaceId: string,
  userId: string,
  nicheId: string,
  accountIds: number[],
) {
  const niche = await requireNiche(db, workspaceId, nicheId);
  const accounts = await requireAccounts(db, nicheId, accountIds);
  const platform = contactPlatform(niche.platform);
  return db.transaction(async (tx) => {
    const results: { accountId: number; contactId: string; created: boolean }[] = [];
    for (const account of accounts) {
      const handle = account.handle.replace(/^@/, '');
      let contactId = await contactWithHandle(tx, workspaceId, platform, handle);
      let created = false;
      if (!contactId) {
        const link = account.url ?? profileUrl(niche.platform, handle);
        try {
          const contact = await createContact(
            tx,
            workspaceId,
            {
              name: account.displayName?.trim() || handle,
              emails: [],
              tags: [],
              doNotContact: false,
              notes: `Found in the niche “${niche.name}” on Murmur.${link ? `\nProfile: ${link}` : ''}`,
              socialAccounts: [{ platform, handle }],
            },
            userId,
          );
          contactId = contact.id;
          created = true;
        } catch (error) {
          if (!(error instanceof ContactError && error.code === 'duplicate_handle')) throw error;
          contactId = await contactWithHandle(tx, workspaceId, platform, handle);
          if (!contactId) throw error;
        }
      }
      await tx
        .insert(shortlist)
        .values({ nicheId, accountId: account.id, workspaceId, addedBy: userId, contactId })
        .onConflictDoUpdate({ target: [shortlist.nicheId, shortlist.accountId], set: { contactId } });
      results.push({ accountId: account.id, contactId, created });
    }
    return {
      created: results.filter((r) => r.created).length,
      linked: results.filter((r) => !r.created).length,
      results,
    };
  });
}

async function contactWithHandle(db: Db, workspaceId: string, platform: Platform, handle: string) {
  const [row] = await db
    .select({ contactId: contactSocialAccounts.contactId })
    .from(contactSocialAccounts)
    .where(
      and(
        eq(contactSocialAccounts.workspaceId, workspaceId),
        eq(contactSocialAccounts.platform, platform),
        sql`lower(${contactSocialAccounts.handle}) = lower(${handle})`,
      ),
    );
  return row?.contactId;
}
