/**
 * Shortlisted accounts become contacts. A contact is matched by its social account (platform
 * + handle, unique per workspace), so adding an account twice, or from two tabs at once,
 * links the contact that exists instead of creating a duplicate. Each contact keeps where it
 * was found (contact_origins): the niche, the account, its profile link, score and rank.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { ContactError } from '../contacts/contacts.errors.ts';
import { createContact } from '../contacts/contacts.service.ts';
import { parseProfile, profileLink } from '../contacts/profile-url.ts';
import type { Db } from '../db/client.ts';
import {
  contactOrigins,
  contactSocialAccounts,
  type Niche,
  nicheScores,
  type Platform,
  platforms,
  scoreSnapshots,
  shortlist,
} from '../db/schema/index.ts';
import { httpUrlOrUndefined } from '../lib/http-url.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { requireAccounts } from './shortlist.service.ts';

type Account = Awaited<ReturnType<typeof requireAccounts>>[number];

/**
 * Where a niche account lives: its platform and profile link. Crawled niches know the
 * platform. A file-imported niche (platform "file") knows it only per account, from what the
 * accounts file gave: a profile link in any column (twitch.tv/…, bsky.app/profile/…) names
 * its platform; else a `platform` column naming one of ours; else it is "other", with the
 * file's link if it had one.
 */
export function accountProfile(
  niche: Pick<Niche, 'platform'>,
  account: Account,
): { platform: Platform; handle: string; link: string | null } {
  const handle = account.handle.replace(/^@/, '');
  const url = httpUrlOrUndefined(account.url);
  if (niche.platform !== 'file') {
    return { platform: niche.platform, handle, link: url ?? profileLink(niche.platform, handle) };
  }
  const links = [url, ...Object.values(account.attributes ?? {}).map((v) => httpUrlOrUndefined(String(v)))];
  const found = links.filter((l): l is string => !!l);
  for (const link of found) {
    // The link's handle is the one the platform knows; the file's label may be a display name.
    const parsed = parseProfile(link, 'other');
    if (parsed && parsed.platform !== 'other') return { ...parsed, link };
  }
  const named = String(account.attributes?.platform ?? '')
    .trim()
    .toLowerCase();
  if ((platforms as readonly string[]).includes(named) && named !== 'other') {
    const platform = named as Platform;
    return { platform, handle, link: found[0] ?? profileLink(platform, handle) };
  }
  return { platform: 'other', handle, link: found[0] ?? null };
}

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
  const scores = await latestScores(
    db,
    nicheId,
    accounts.map((a) => a.id),
  );
  return db.transaction(async (tx) => {
    const results: { accountId: number; contactId: string; created: boolean }[] = [];
    for (const account of accounts) {
      const { platform, handle, link } = accountProfile(niche, account);
      let contactId = await contactWithHandle(tx, workspaceId, platform, handle);
      let created = false;
      if (!contactId) {
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
      const score = scores.get(account.id);
      // The first time an account is added is "the score at the time": adding it again keeps it.
      await tx
        .insert(contactOrigins)
        .values({
          workspaceId,
          contactId,
          nicheId,
          nicheName: niche.name,
          accountId: account.id,
          platform,
          handle,
          profileUrl: link ?? null,
          snapshotId: score?.snapshotId ?? null,
          score: score?.score ?? null,
          rank: score?.rank ?? null,
        })
        .onConflictDoNothing();
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

/** Each account's score and rank in the niche's latest snapshot (none before the first scoring). */
async function latestScores(db: Db, nicheId: string, accountIds: number[]) {
  const [latest] = await db
    .select({ id: scoreSnapshots.id })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  const byAccount = new Map<number, { snapshotId: string; score: number; rank: number }>();
  if (!latest || accountIds.length === 0) return byAccount;
  const rows = await db
    .select({ accountId: nicheScores.accountId, score: nicheScores.score, rank: nicheScores.rank })
    .from(nicheScores)
    .where(and(eq(nicheScores.snapshotId, latest.id), inArray(nicheScores.accountId, accountIds)));
  for (const r of rows) byAccount.set(r.accountId, { snapshotId: latest.id, score: r.score, rank: r.rank });
  return byAccount;
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
