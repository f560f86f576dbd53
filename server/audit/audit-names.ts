/**
 * The audit log stores ids; people read names. Each page of entries is named in one query per
 * kind of object, within the workspace only. What no longer exists (a deleted contact, a
 * removed member) is named from what its entry recorded, or left unnamed: erasing a contact
 * deletes its entries' personal data, and nothing here brings it back.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type AuditEntity,
  apiKeys,
  campaigns,
  contacts,
  deals,
  invitations,
  stages,
  users,
} from '../db/schema/index.ts';

type Names = Map<string, string>;
type Lookup = (db: Db, workspaceId: string, ids: string[]) => Promise<[string, string][]>;

const pairs = (rows: { id: string; name: string | null }[]) =>
  rows.flatMap((r): [string, string][] => (r.name ? [[r.id, r.name]] : []));

const lookups: Record<AuditEntity, Lookup> = {
  contact: async (db, ws, ids) =>
    pairs(
      await db
        .select({ id: contacts.id, name: contacts.name })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ws), inArray(contacts.id, ids))),
    ),
  deal: async (db, ws, ids) => {
    const rows = await db
      .select({ id: deals.id, contact: contacts.name, campaign: campaigns.name })
      .from(deals)
      .innerJoin(contacts, eq(contacts.id, deals.contactId))
      .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
      .where(and(eq(deals.workspaceId, ws), inArray(deals.id, ids)));
    return rows.map((r) => [r.id, `${r.contact} in ${r.campaign}`]);
  },
  campaign: async (db, ws, ids) =>
    pairs(
      await db
        .select({ id: campaigns.id, name: campaigns.name })
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, ws), inArray(campaigns.id, ids))),
    ),
  stage: async (db, ws, ids) =>
    pairs(
      await db
        .select({ id: stages.id, name: stages.name })
        .from(stages)
        .where(and(eq(stages.workspaceId, ws), inArray(stages.id, ids))),
    ),
  // The ids come from this workspace's own entries, written only for its members (past ones
  // too: a removed member is still named in the entries about them).
  member: async (db, _ws, ids) => {
    const rows = await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(inArray(users.id, ids));
    return rows.map((r) => [r.id, r.name || r.email]);
  },
  invitation: async (db, ws, ids) =>
    pairs(
      await db
        .select({ id: invitations.id, name: invitations.email })
        .from(invitations)
        .where(and(eq(invitations.workspaceId, ws), inArray(invitations.id, ids))),
    ),
  api_key: async (db, ws, ids) =>
    pairs(
      await db
        .select({ id: apiKeys.id, name: apiKeys.name })
        .from(apiKeys)
        .where(and(eq(apiKeys.workspaceId, ws), inArray(apiKeys.id, ids))),
    ),
};

/** Ids a change may mention, and the kind of object each names. */
const idFields: Record<string, AuditEntity> = {
  campaignId: 'campaign',
  contactId: 'contact',
  stageId: 'stage',
  ownerId: 'member',
  userId: 'member',
};

type Entry = { entityType: AuditEntity; entityId: string; changes: Record<string, unknown> };

/** What an entry recorded about its object, for objects that are gone. */
function recordedName(entry: Entry): string | null {
  const { name, email } = entry.changes;
  if (typeof name === 'string' && name) return name;
  if (typeof email === 'string' && email) return email;
  return null;
}

/** Replaces ids in a change ("campaignId": "…") with the names they stand for ("campaign": "Spring"). */
function nameChanges(changes: Record<string, unknown>, names: Map<AuditEntity, Names>) {
  const named: Record<string, unknown> = {};
  const name = (kind: AuditEntity, v: unknown) =>
    typeof v === 'string' ? (names.get(kind)?.get(v) ?? 'deleted') : v;
  for (const [key, value] of Object.entries(changes)) {
    const kind = idFields[key];
    if (!kind) named[key] = value;
    else {
      const field = key.slice(0, -2);
      named[field] =
        value && typeof value === 'object' && 'from' in value && 'to' in value
          ? { from: name(kind, value.from), to: name(kind, value.to) }
          : name(kind, value);
    }
  }
  return named;
}

/** Each entry with `entityName` (null when unknown) and its changes' ids replaced by names. */
export async function nameEntries<T extends Entry>(db: Db, workspaceId: string, entries: T[]) {
  const wanted = new Map<AuditEntity, Set<string>>();
  const want = (kind: AuditEntity, id: unknown) => {
    if (typeof id !== 'string') return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id);
  };
  for (const e of entries) {
    want(e.entityType, e.entityId);
    for (const [key, value] of Object.entries(e.changes)) {
      const kind = idFields[key];
      if (!kind) continue;
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        want(kind, value.from);
        want(kind, value.to);
      } else want(kind, value);
    }
  }
  const names = new Map<AuditEntity, Names>();
  for (const [kind, ids] of wanted) {
    names.set(kind, new Map(await lookups[kind](db, workspaceId, [...ids])));
  }
  return entries.map((e) => ({
    ...e,
    entityName: names.get(e.entityType)?.get(e.entityId) ?? recordedName(e),
    changes: nameChanges(e.changes, names),
  }));
}
