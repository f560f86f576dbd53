/** The admin audit log: who changed which contact, deal, campaign or stage, and how. */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { type AuditEntity, auditLog, users } from '../db/schema/index.ts';
import { hasUnsafeText } from '../lib/safe-text.ts';
import { AppError } from '../trpc/errors.ts';

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

function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}
/** A cursor is client input: a forged one must be a 400, never reach a query as a bad uuid or NUL. */
const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);
function decodeCursor(cursor: string): [string, string] {
  try {
    const value = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (value.success && !value.data.some(hasUnsafeText)) return value.data;
  } catch {}
  throw new AppError('invalid', 'That page cursor is not valid: start from the first page.');
}

export async function listAudit(
  db: Db,
  workspaceId: string,
  input: { entityType?: AuditEntity; entityId?: string; cursor?: string; limit: number },
) {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (input.entityType) conditions.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(auditLog.entityId, input.entityId));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor);
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
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
