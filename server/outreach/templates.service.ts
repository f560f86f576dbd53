/** Templates of a workspace, and their preview against a contact. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { emailTemplates, sequenceSteps } from '../db/schema/index.ts';
import { senderIdentityOf } from './identities.service.ts';
import { loadRecipients, type MergeContext } from './merge-values.ts';
import { OutreachError } from './outreach.errors.ts';
import { fieldsOf, missingFields, renderTemplate } from './template-render.ts';

export type TemplateInput = { name: string; subject: string; bodyHtml: string };

const columns = {
  id: emailTemplates.id,
  name: emailTemplates.name,
  subject: emailTemplates.subject,
  bodyHtml: emailTemplates.bodyHtml,
  version: emailTemplates.version,
  updatedAt: emailTemplates.updatedAt,
};

export async function listTemplates(db: Db, workspaceId: string) {
  const rows = await db
    .select(columns)
    .from(emailTemplates)
    .where(eq(emailTemplates.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${emailTemplates.name})`), asc(emailTemplates.id));
  return rows.map((r) => ({ ...r, fields: fieldsOf(r.subject, r.bodyHtml) }));
}

export async function getTemplate(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)));
  if (!row) throw new OutreachError('template_not_found', 'No such template in this workspace.');
  return row;
}

export async function createTemplate(
  db: Db,
  workspaceId: string,
  userId: string,
  input: TemplateInput,
  now: Date,
) {
  fieldsOf(input.subject, input.bodyHtml);
  const [row] = await db
    .insert(emailTemplates)
    .values({ ...input, workspaceId, createdBy: userId, createdAt: now, updatedAt: now })
    .returning(columns);
  return row;
}

export async function updateTemplate(
  db: Db,
  workspaceId: string,
  id: string,
  input: TemplateInput,
  now: Date,
) {
  fieldsOf(input.subject, input.bodyHtml);
  await getTemplate(db, workspaceId, id);
  const [row] = await db
    .update(emailTemplates)
    .set({ ...input, updatedAt: now, version: sql`${emailTemplates.version} + 1` })
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)))
    .returning(columns);
  return row;
}

export async function removeTemplate(db: Db, workspaceId: string, id: string) {
  await getTemplate(db, workspaceId, id);
  const [used] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sequenceSteps)
    .where(and(eq(sequenceSteps.workspaceId, workspaceId), eq(sequenceSteps.templateId, id)));
  if ((used?.n ?? 0) > 0)
    throw new OutreachError('bad_template', 'This template is a step of a sequence: remove the step first.');
  await db
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)));
  return { id };
}

/**
 * What this template (saved or as being edited) looks like for one contact, reached through a
 * deal or not, with the fields that contact lacks.
 */
export async function previewTemplate(
  db: Db,
  ctx: MergeContext & { userId: string },
  input: { subject: string; bodyHtml: string; contactId: string; dealId?: string | null },
) {
  const { required } = fieldsOf(input.subject, input.bodyHtml);
  const sender = await senderIdentityOf(db, ctx.workspaceId, ctx.userId);
  const [recipient] = await loadRecipients(
    db,
    ctx,
    [{ contactId: input.contactId, dealId: input.dealId ?? null }],
    sender,
  );
  if (!recipient)
    throw new OutreachError('no_recipient_address', 'No such contact or deal in this workspace.');
  const rendered = renderTemplate(input, recipient.values);
  return {
    ...rendered,
    to: recipient.address,
    missing: missingFields(required, recipient.values),
  };
}
