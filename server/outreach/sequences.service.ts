/** Sequences: ordered steps, each a template sent `delayDays` after the first. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { emailTemplates, sequenceSteps, sequences } from '../db/schema/index.ts';
import { OutreachError } from './outreach.errors.ts';

export type SequenceInput = {
  name: string;
  campaignId?: string | null;
  status?: 'active' | 'paused' | 'archived';
  steps: { delayDays: number; templateId: string }[];
};

export async function getSequence(db: Db | Tx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(sequences)
    .where(and(eq(sequences.workspaceId, workspaceId), eq(sequences.id, id)));
  if (!row) throw new OutreachError('sequence_not_found', 'No such sequence in this workspace.');
  const steps = await db
    .select({
      id: sequenceSteps.id,
      position: sequenceSteps.position,
      delayDays: sequenceSteps.delayDays,
      templateId: sequenceSteps.templateId,
      templateName: emailTemplates.name,
      subject: emailTemplates.subject,
      bodyHtml: emailTemplates.bodyHtml,
    })
    .from(sequenceSteps)
    .innerJoin(emailTemplates, eq(emailTemplates.id, sequenceSteps.templateId))
    .where(eq(sequenceSteps.sequenceId, id))
    .orderBy(asc(sequenceSteps.position));
  return { ...row, steps };
}

export async function listSequences(db: Db, workspaceId: string) {
  const rows = await db
    .select({ id: sequences.id })
    .from(sequences)
    .where(eq(sequences.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${sequences.name})`));
  return Promise.all(rows.map((r) => getSequence(db, workspaceId, r.id)));
}

async function checkSteps(tx: Tx, workspaceId: string, steps: SequenceInput['steps']) {
  if (steps.length === 0) throw new OutreachError('bad_template', 'A sequence needs at least one step.');
  const ids = [...new Set(steps.map((s) => s.templateId))];
  const found = await tx
    .select({ id: emailTemplates.id })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), inArray(emailTemplates.id, ids)));
  if (found.length !== ids.length)
    throw new OutreachError('template_not_found', 'A step uses a template that does not exist.');
  for (let i = 1; i < steps.length; i++) {
    if ((steps[i]?.delayDays ?? 0) <= (steps[i - 1]?.delayDays ?? 0))
      throw new OutreachError('bad_template', 'Each step must come on a later day than the one before.');
  }
}

async function writeSteps(tx: Tx, workspaceId: string, sequenceId: string, steps: SequenceInput['steps']) {
  await tx.insert(sequenceSteps).values(
    steps.map((s, i) => ({
      workspaceId,
      sequenceId,
      position: i + 1,
      delayDays: s.delayDays,
      templateId: s.templateId,
    })),
  );
}

export async function createSequence(
  db: Db,
  workspaceId: string,
  userId: string,
  input: SequenceInput,
  now: Date,
) {
  const id = await db.transaction(async (tx) => {
    await checkSteps(tx, workspaceId, input.steps);
    const [row] = await tx
      .insert(sequences)
      .values({
        workspaceId,
        name: input.name,
        campaignId: input.campaignId ?? null,
        status: input.status ?? 'active',
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: sequences.id });
    await writeSteps(tx, workspaceId, (row as { id: string }).id, input.steps);
    return (row as { id: string }).id;
  });
  return getSequence(db, workspaceId, id);
}

/**
 * Renames, pauses or re-steps a sequence. Steps can only be replaced while nobody is enrolled:
 * queued follow-ups point at their step.
 */
export async function updateSequence(
  db: Db,
  workspaceId: string,
  id: string,
  input: SequenceInput,
  now: Date,
) {
  const current = await getSequence(db, workspaceId, id);
  await db.transaction(async (tx) => {
    await tx
      .update(sequences)
      .set({
        name: input.name,
        campaignId: input.campaignId ?? null,
        status: input.status ?? current.status,
        updatedAt: now,
      })
      .where(and(eq(sequences.workspaceId, workspaceId), eq(sequences.id, id)));
    const same =
      current.steps.length === input.steps.length &&
      current.steps.every(
        (s, i) => s.delayDays === input.steps[i]?.delayDays && s.templateId === input.steps[i]?.templateId,
      );
    if (same) return;
    const [enrolled] = rowsCount(
      await tx.execute(sql`select count(*)::int as n from enrolments where sequence_id = ${id}`),
    );
    if (enrolled > 0)
      throw new OutreachError(
        'bad_template',
        'People are enrolled: create a new sequence to change its steps.',
      );
    await checkSteps(tx, workspaceId, input.steps);
    await tx.delete(sequenceSteps).where(eq(sequenceSteps.sequenceId, id));
    await writeSteps(tx, workspaceId, id, input.steps);
  });
  return getSequence(db, workspaceId, id);
}

function rowsCount(result: unknown): number[] {
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows.map((r) => Number(r.n));
}

export async function removeSequence(db: Db, workspaceId: string, id: string, now: Date) {
  await getSequence(db, workspaceId, id);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update outreach_messages set status = 'cancelled', cancel_reason = 'sequence removed', finished_at = ${now.toISOString()}
      where status = 'scheduled' and enrolment_id in (select id from enrolments where sequence_id = ${id})`);
    await tx.delete(sequences).where(and(eq(sequences.workspaceId, workspaceId), eq(sequences.id, id)));
  });
  return { id };
}
