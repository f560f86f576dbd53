/** Contacts and their social accounts; every query is scoped to one workspace. */
import { and, asc, count, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diff, recordAudit } from '../audit/audit.service.ts';
import { recordChange } from '../audit/record-change.ts';
import type { Db } from '../db/client.ts';
import { contactOrigins, contactSocialAccounts, contacts } from '../db/schema/index.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { cursorText, decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { ContactError } from './contacts.errors.ts';
import type { ContactFields, ListInput } from './contacts.schemas.ts';
import { profileLink } from './profile-url.ts';

const columns = {
  id: contacts.id,
  name: contacts.name,
  emails: contacts.emails,
  notes: contacts.notes,
  tags: contacts.tags,
  doNotContact: contacts.doNotContact,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};

/** Contact pages go on from (lower-cased name, id) of the last contact shown. */
const contactCursor = z.tuple([cursorText, z.uuid()]);

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function searchCondition(workspaceId: string, search?: string, tag?: string): SQL {
  const conditions: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  if (search) {
    // search_text holds name, emails, tags and handles, kept by a trigger (migration 0006).
    conditions.push(sql`${contacts.searchText} like ${`%${escapeLike(search.toLowerCase())}%`}`);
  }
  if (tag) conditions.push(sql`${contacts.tags} @> array[${tag}]::text[]`);
  return and(...conditions)!;
}

export async function listContacts(db: Db, workspaceId: string, input: ListInput) {
  const where = searchCondition(workspaceId, input.search, input.tag);
  const after = input.cursor ? decodeCursor(input.cursor, contactCursor) : undefined;
  const pageWhere = after
    ? and(
        where,
        or(
          gt(sql`lower(${contacts.name})`, after[0]),
          and(eq(sql`lower(${contacts.name})`, after[0]), gt(contacts.id, after[1])),
        ),
      )
    : where;
  const query = db
    .select({ ...columns, total: sql<number>`(count(*) over ())::int` })
    .from(contacts)
    .where(pageWhere)
    .orderBy(asc(sql`lower(${contacts.name})`), asc(contacts.id))
    .limit(input.limit + 1);
  // On the first page the window count is the total, from the same scan; later pages count apart.
  const [rows, counted] = await Promise.all([
    query,
    after ? db.select({ n: count() }).from(contacts).where(where) : undefined,
  ]);
  const total = counted ? counted[0].n : (rows[0]?.total ?? 0);
  const page = rows.slice(0, input.limit);
  const accounts = await accountsOf(
    db,
    workspaceId,
    page.map((c) => c.id),
  );
  const last = page.at(-1);
  return {
    items: page.map(({ total: _, ...c }) => ({ ...c, socialAccounts: accounts.get(c.id) ?? [] })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
    total,
  };
}

async function accountsOf(db: Db, workspaceId: string, contactIds: string[]) {
  const byContact = new Map<string, { id: string; platform: string; handle: string; url: string | null }[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .select({
      id: contactSocialAccounts.id,
      contactId: contactSocialAccounts.contactId,
      platform: contactSocialAccounts.platform,
      handle: contactSocialAccounts.handle,
    })
    .from(contactSocialAccounts)
    .where(
      and(
        eq(contactSocialAccounts.workspaceId, workspaceId),
        inArray(contactSocialAccounts.contactId, contactIds),
      ),
    )
    .orderBy(asc(contactSocialAccounts.platform), asc(contactSocialAccounts.handle));
  for (const { contactId, ...account } of rows) {
    const url = profileLink(account.platform, account.handle);
    byContact.set(contactId, [...(byContact.get(contactId) ?? []), { ...account, url }]);
  }
  return byContact;
}

export async function getContact(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)));
  // Another workspace's contact is reported exactly like a missing one.
  if (!row) throw new ContactError('contact_not_found', 'No such contact.');
  const accounts = await accountsOf(db, workspaceId, [id]);
  const origins = await db
    .select({
      nicheId: contactOrigins.nicheId,
      nicheName: contactOrigins.nicheName,
      accountId: contactOrigins.accountId,
      platform: contactOrigins.platform,
      handle: contactOrigins.handle,
      profileUrl: contactOrigins.profileUrl,
      score: contactOrigins.score,
      rank: contactOrigins.rank,
      addedAt: contactOrigins.addedAt,
    })
    .from(contactOrigins)
    .where(and(eq(contactOrigins.contactId, id), eq(contactOrigins.workspaceId, workspaceId)))
    .orderBy(asc(contactOrigins.addedAt));
  return { ...row, socialAccounts: accounts.get(id) ?? [], origins };
}

export async function createContact(
  db: Db,
  workspaceId: string,
  fields: ContactFields,
  actorId: string | null = null,
) {
  const id = await withHandleCheck(() =>
    db.transaction(async (tx) => {
      const { socialAccounts, ...rest } = fields;
      const [row] = await tx
        .insert(contacts)
        .values({ ...rest, workspaceId })
        .returning({ id: contacts.id });
      await insertAccounts(tx, workspaceId, row.id, socialAccounts);
      await recordChange(tx, {
        workspaceId,
        actorId,
        contactId: row.id,
        activity: { subjectType: 'contact', subjectId: row.id, kind: 'contact_created' },
        audit: { entityType: 'contact', entityId: row.id, action: 'created', changes: fields },
      });
      return row.id;
    }),
  );
  return getContact(db, workspaceId, id);
}

export async function updateContact(
  db: Db,
  workspaceId: string,
  id: string,
  fields: Partial<ContactFields>,
  now: Date,
  actorId: string | null = null,
) {
  await withHandleCheck(() =>
    db.transaction(async (tx) => {
      const before = await getContact(tx, workspaceId, id);
      const { socialAccounts, ...rest } = fields;
      const updated = await tx
        .update(contacts)
        .set({ ...rest, updatedAt: now })
        .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
        .returning({ id: contacts.id });
      if (updated.length === 0) throw new ContactError('contact_not_found', 'No such contact.');
      if (socialAccounts) {
        await tx
          .delete(contactSocialAccounts)
          .where(
            and(eq(contactSocialAccounts.contactId, id), eq(contactSocialAccounts.workspaceId, workspaceId)),
          );
        await insertAccounts(tx, workspaceId, id, socialAccounts);
      }
      const accounts = (list: { platform: string; handle: string }[]) =>
        list.map((a) => ({ platform: a.platform, handle: a.handle }));
      const changes = diff(
        { ...before, socialAccounts: accounts(before.socialAccounts) } as Record<string, unknown>,
        { ...fields, ...(socialAccounts ? { socialAccounts: accounts(socialAccounts) } : {}) },
      );
      if (Object.keys(changes).length === 0) return;
      await recordChange(tx, {
        workspaceId,
        actorId,
        at: now,
        contactId: id,
        activity: {
          subjectType: 'contact',
          subjectId: id,
          kind: 'fields_changed',
          payload: { fields: Object.keys(changes) },
        },
        audit: { entityType: 'contact', entityId: id, action: 'updated', changes },
      });
    }),
  );
  return getContact(db, workspaceId, id);
}

/**
 * Deletes a contact: social accounts, deals and timeline events go with the row (foreign
 * keys cascade). The audit history stays, so admins can still see who did what; wiping it
 * is erasure (`eraseContact`), an admin's action.
 */
export async function removeContact(db: Db, workspaceId: string, id: string, actorId: string | null = null) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
      .returning({ id: contacts.id });
    if (removed.length === 0) throw new ContactError('contact_not_found', 'No such contact.');
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'contact',
      entityId: id,
      contactId: id,
      action: 'deleted',
    });
  });
  return { id };
}

async function insertAccounts(
  db: Db,
  workspaceId: string,
  contactId: string,
  accounts: ContactFields['socialAccounts'],
) {
  const seen = new Set<string>();
  const rows = accounts.filter((a) => {
    const key = `${a.platform}:${a.handle.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (rows.length === 0) return;
  await db.insert(contactSocialAccounts).values(rows.map((a) => ({ ...a, workspaceId, contactId })));
}

async function withHandleCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ContactError('duplicate_handle', 'Another contact already has that social account.', {
        cause: error,
      });
    }
    throw error;
  }
}
