/** Pipeline stages: per workspace, ordered, each open, won or lost. Defaults appear on first use. */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { deals, type StageKind, stages, workspaces } from '../db/schema/index.ts';
import { uuidArray } from '../db/sql.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { moveColumn } from '../deals/deal-ranks.ts';
import { StageError } from './stages.errors.ts';

export const defaultStages: { name: string; kind: StageKind; committed: boolean }[] = [
  { name: 'Shortlisted', kind: 'open', committed: false },
  { name: 'Contacted', kind: 'open', committed: false },
  { name: 'Replied', kind: 'open', committed: false },
  { name: 'Negotiating', kind: 'open', committed: false },
  { name: 'Agreed', kind: 'open', committed: true },
  { name: 'Content live', kind: 'open', committed: true },
  { name: 'Paid', kind: 'won', committed: true },
  { name: 'Declined', kind: 'lost', committed: false },
  { name: 'No response', kind: 'lost', committed: false },
];

const columns = {
  id: stages.id,
  name: stages.name,
  kind: stages.kind,
  committed: stages.committed,
  position: stages.position,
};

export type StageRow = { id: string; name: string; kind: StageKind; committed: boolean; position: number };

async function selectStages(db: Db, workspaceId: string): Promise<StageRow[]> {
  return db
    .select(columns)
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position), asc(stages.createdAt));
}

/**
 * The workspace's stages, creating the defaults the first time. The workspace row lock makes
 * concurrent first calls wait for each other instead of creating the defaults twice.
 */
export async function ensureStages(db: Db, workspaceId: string): Promise<StageRow[]> {
  const existing = await selectStages(db, workspaceId);
  if (existing.length > 0) return existing;
  return db.transaction(async (tx) => {
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    const again = await selectStages(tx, workspaceId);
    if (again.length > 0) return again;
    await tx.insert(stages).values(defaultStages.map((s, position) => ({ ...s, position, workspaceId })));
    return selectStages(tx, workspaceId);
  });
}

/** Locks the workspace's stage list for a change to its order or membership. */
async function lockStages(tx: Db, workspaceId: string) {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
}

async function withNameCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new StageError('stage_name_taken', 'Another stage already has that name.', {
        cause: error,
      });
    throw error;
  }
}

export async function getStage(db: Db, workspaceId: string, id: string): Promise<StageRow> {
  const [row] = await db
    .select(columns)
    .from(stages)
    .where(and(eq(stages.id, id), eq(stages.workspaceId, workspaceId)));
  if (!row) throw new StageError('stage_not_found', 'No such stage.');
  return row;
}

export async function createStage(
  db: Db,
  workspaceId: string,
  actorId: string,
  input: { name: string; kind: StageKind; committed: boolean; position?: number },
) {
  await ensureStages(db, workspaceId);
  const id = await withNameCheck(() =>
    db.transaction(async (tx) => {
      await lockStages(tx, workspaceId);
      const list = await selectStages(tx, workspaceId);
      const at = Math.min(input.position ?? list.length, list.length);
      const [row] = await tx
        .insert(stages)
        .values({ workspaceId, name: input.name, kind: input.kind, committed: input.committed, position: at })
        .returning({ id: stages.id });
      const order = list.map((s) => s.id);
      order.splice(at, 0, row.id);
      await renumber(tx, order);
      await recordAudit(tx, {
        workspaceId,
        actorId,
        entityType: 'stage',
        entityId: row.id,
        action: 'created',
        changes: { name: input.name, kind: input.kind },
      });
      return row.id;
    }),
  );
  return getStage(db, workspaceId, id);
}

export async function updateStage(
  db: Db,
  workspaceId: string,
  actorId: string,
  id: string,
  input: { name?: string; kind?: StageKind; committed?: boolean },
) {
  await withNameCheck(() =>
    db.transaction(async (tx) => {
      const before = await getStage(tx, workspaceId, id);
      await tx
        .update(stages)
        .set(input)
        .where(and(eq(stages.id, id), eq(stages.workspaceId, workspaceId)));
      await recordAudit(tx, {
        workspaceId,
        actorId,
        entityType: 'stage',
        entityId: id,
        action: 'updated',
        changes: {
          before: { name: before.name, kind: before.kind, committed: before.committed },
          after: input,
        },
      });
    }),
  );
  return getStage(db, workspaceId, id);
}

/** Puts the stages in the given order; the list must name every stage exactly once. */
export async function reorderStages(db: Db, workspaceId: string, actorId: string, ids: string[]) {
  await db.transaction(async (tx) => {
    await lockStages(tx, workspaceId);
    const list = await selectStages(tx, workspaceId);
    const known = new Set(list.map((s) => s.id));
    if (ids.length !== list.length || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id)))
      throw new StageError('bad_stage_order', 'List every stage exactly once to reorder them.');
    await renumber(tx, ids);
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'stage',
      entityId: ids[0],
      action: 'reordered',
    });
  });
  return selectStages(db, workspaceId);
}

/**
 * Deletes a stage. Its deals must go somewhere: `moveDealsTo` names the stage that receives
 * them (appended to the end of each campaign's column).
 */
export async function removeStage(
  db: Db,
  workspaceId: string,
  actorId: string,
  id: string,
  moveDealsTo: string | undefined,
  now: Date,
) {
  await db.transaction(async (tx) => {
    await lockStages(tx, workspaceId);
    const stage = await getStage(tx, workspaceId, id);
    const list = await selectStages(tx, workspaceId);
    if (list.length <= 1) throw new StageError('last_stage', 'A pipeline needs at least one stage.');
    const [held] = await tx
      .select({ n: count() })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, id)));
    if (held.n > 0) {
      if (!moveDealsTo || moveDealsTo === id)
        throw new StageError(
          'needs_target',
          `“${stage.name}” holds ${held.n} ${held.n === 1 ? 'deal' : 'deals'}: choose a stage to move them to.`,
        );
      const target = await getStage(tx, workspaceId, moveDealsTo);
      await moveColumn(tx, workspaceId, id, target.id, now);
    }
    await tx.delete(stages).where(and(eq(stages.id, id), eq(stages.workspaceId, workspaceId)));
    await renumber(
      tx,
      list.filter((s) => s.id !== id).map((s) => s.id),
    );
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'stage',
      entityId: id,
      action: 'deleted',
      changes: { name: stage.name, movedDeals: held.n, movedTo: held.n > 0 ? moveDealsTo : null },
    });
  });
  return { id };
}

export async function countDealsByStage(db: Db, workspaceId: string) {
  const rows = await db
    .select({ stageId: deals.stageId, n: count() })
    .from(deals)
    .where(eq(deals.workspaceId, workspaceId))
    .groupBy(deals.stageId);
  return new Map(rows.map((r) => [r.stageId, r.n]));
}

async function renumber(tx: Db, ids: string[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update ${stages} s set position = o.position - 1
    from unnest(${uuidArray(ids)}::uuid[]) with ordinality as o(id, position)
    where s.id = o.id and s.position <> o.position - 1`);
}
