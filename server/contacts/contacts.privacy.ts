/** Contacts are personal data: everything about one, as JSON; and everything about them, erased. */
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import {
  activities,
  auditLog,
  campaigns,
  contactSocialAccounts,
  contacts,
  deals,
  stages,
} from '../db/schema/index.ts';
import { ContactError } from './contacts.errors.ts';
import { getContact, searchCondition } from './contacts.service.ts';
import { toCsv } from './csv.ts';

/** Every row Murmur holds about a contact, for a data-access request. */
export async function exportContactData(db: Db, workspaceId: string, id: string, now: Date) {
  const contact = await getContact(db, workspaceId, id);
  const contactDeals = await db
    .select({
      id: deals.id,
      campaign: campaigns.name,
      stage: stages.name,
      feeMinor: deals.feeMinor,
      currency: deals.currency,
      deliverables: deals.deliverables,
      nextAction: deals.nextAction,
      nextActionAt: deals.nextActionAt,
      notes: deals.notes,
      stageEnteredAt: deals.stageEnteredAt,
      createdAt: deals.createdAt,
      updatedAt: deals.updatedAt,
    })
    .from(deals)
    .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, id)))
    .orderBy(asc(deals.createdAt));
  const events = await db
    .select({ kind: activities.kind, payload: activities.payload, createdAt: activities.createdAt })
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.contactId, id)))
    .orderBy(asc(activities.createdAt));
  const audit = await db
    .select({ action: auditLog.action, changes: auditLog.changes, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.contactId, id)))
    .orderBy(asc(auditLog.createdAt));
  return {
    exportedAt: now.toISOString(),
    contact,
    deals: contactDeals,
    timeline: events,
    changeHistory: audit,
  };
}

/** Contacts as CSV in the shape the importer reads back (one column per platform). */
export async function exportContactsCsv(
  db: Db,
  workspaceId: string,
  filter: { search?: string; tag?: string },
) {
  const where = searchCondition(workspaceId, filter.search, filter.tag);
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      emails: contacts.emails,
      tags: contacts.tags,
      notes: contacts.notes,
      doNotContact: contacts.doNotContact,
    })
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.name), asc(contacts.id));
  const accounts = await db
    .select({
      contactId: contactSocialAccounts.contactId,
      platform: contactSocialAccounts.platform,
      handle: contactSocialAccounts.handle,
    })
    .from(contactSocialAccounts)
    .innerJoin(contacts, eq(contacts.id, contactSocialAccounts.contactId))
    .where(where);
  const byContact = new Map<string, Map<string, string[]>>();
  for (const a of accounts) {
    const mine = byContact.get(a.contactId) ?? new Map<string, string[]>();
    mine.set(a.platform, [...(mine.get(a.platform) ?? []), a.handle]);
    byContact.set(a.contactId, mine);
  }
  const platformColumns = [...new Set(accounts.map((a) => a.platform))].sort();
  return toCsv(
    ['name', 'emails', 'tags', 'notes', 'do_not_contact', ...platformColumns],
    rows.map((c) => [
      c.name,
      c.emails.join(' '),
      c.tags.join(', '),
      c.notes,
      c.doNotContact ? 'yes' : '',
      ...platformColumns.map((p) => (byContact.get(c.id)?.get(p) ?? []).join(' ')),
    ]),
  );
}

/**
 * Erases a contact and everything Murmur holds about them: the row and what cascades from it,
 * and every audit entry about them, leaving one `erased` entry that holds nothing but ids.
 * Works on an already deleted contact too, whose history deleting kept.
 */
export async function eraseContact(db: Db, workspaceId: string, id: string, actorId: string) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
      .returning({ id: contacts.id });
    const history = await tx
      .delete(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.contactId, id)))
      .returning({ id: auditLog.id });
    if (removed.length === 0 && history.length === 0)
      throw new ContactError('contact_not_found', 'No such contact.');
    await recordAudit(tx, { workspaceId, actorId, entityType: 'contact', entityId: id, action: 'erased' });
  });
  return { id };
}
