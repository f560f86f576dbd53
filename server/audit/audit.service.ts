/**
 * The admin audit log: who changed which contact, deal, campaign or stage, who joined, left or
 * changed role, and which API keys were made and revoked.
 */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { type AuditEntity, auditLog, users } from '../db/schema/index.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { nameEntries } from './audit-names.ts';

export type AuditInput = {
  workspaceId: string;
  actorId: string | null;
  entityType: AuditEntity;
  entityId: string;
  contactId?: string | null;
  action: string;
  changes?: Record<string, unknown>;
  at?: Date;
};

export async function recordAudit(db: Db, entries: AuditInput | AuditInput[]) {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length === 0) return;
  await db.insert(auditLog).values(
    rows.map((e) => ({
      workspaceId: e.workspaceId,
      actorId: e.actorId,
      entityType: e.entityType,
      entityId: e.entityId,
      contactId: e.contactId ?? null,
      action: e.action,
      changes: e.changes ?? {},
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
}

/** Field-by-field difference of two records, limited to the fields that were set in `next`. */
export function diff<T extends Record<string, unknown>>(before: T, next: Partial<T>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next)) {
    const from = before[key];
    const to = next[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/** Audit pages go back by (time, id) of the last entry shown. */
const auditCursor = z.tuple([z.iso.datetime(), z.uuid()]);

export async function listAudit(
  db: Db,
  workspaceId: string,
  input: { entityType?: AuditEntity; entityId?: string; cursor?: string; limit: number },
) {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (input.entityType) conditions.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(auditLog.entityId, input.entityId));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, auditCursor);
    const when = new Date(at);
    conditions.push(
      or(lt(auditLog.createdAt, when), and(eq(auditLog.createdAt, when), lt(auditLog.id, id)))!,
    );
  }
  const rows = await db
    .select({
      id: auditLog.id,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      action: auditLog.action,
      changes: auditLog.changes,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: await nameEntries(db, workspaceId, items),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
