import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { timeline } from '../audit/activities.service.ts';
import { campaigns, deals, stages } from '../db/schema/index.ts';
import { adminProcedure, authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { importContacts, importInput } from './contacts.import.ts';
import { eraseContact, exportContactData, exportContactsCsv } from './contacts.privacy.ts';
import { contactFields, listInput, updateInput } from './contacts.schemas.ts';
import { createContact, getContact, listContacts, removeContact, updateContact } from './contacts.service.ts';

const byIdInput = z.object({ id: z.uuid('That is not a contact id.') });

export const contactsRouter = router({
  list: authedProcedure
    .input(listInput.prefault({})) // no input lists the first page
    .query(({ ctx, input }) => listContacts(ctx.db, ctx.workspaceId, input)),
  byId: authedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getContact(ctx.db, ctx.workspaceId, input.id)),
  create: writerProcedure
    .input(contactFields)
    .mutation(({ ctx, input }) => createContact(ctx.db, ctx.workspaceId, input, ctx.userId)),
  update: writerProcedure.input(updateInput).mutation(({ ctx, input }) => {
    const { id, ...fields } = input;
    return updateContact(ctx.db, ctx.workspaceId, id, fields, ctx.now(), ctx.userId);
  }),
  remove: writerProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeContact(ctx.db, ctx.workspaceId, input.id, ctx.userId)),
  /** The campaigns this contact is in, with the deal's stage. */
  deals: authedProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    await getContact(ctx.db, ctx.workspaceId, input.id);
    return ctx.db
      .select({
        id: deals.id,
        campaignId: deals.campaignId,
        campaignName: campaigns.name,
        stageName: stages.name,
        stageKind: stages.kind,
        feeMinor: deals.feeMinor,
        currency: deals.currency,
      })
      .from(deals)
      .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
      .innerJoin(stages, eq(stages.id, deals.stageId))
      .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.contactId, input.id)))
      .orderBy(asc(campaigns.name));
  }),
  /** Everything that happened with this contact across campaigns, newest first. */
  timeline: authedProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    await getContact(ctx.db, ctx.workspaceId, input.id);
    return timeline(ctx.db, ctx.workspaceId, { contactId: input.id });
  }),
  /** Preview (`dryRun`, the default) or commit a CSV import; see contacts.import.ts. */
  importCsv: writerProcedure
    .input(importInput)
    .mutation(({ ctx, input }) => importContacts(ctx.db, ctx.workspaceId, ctx.userId, input)),
  exportCsv: authedProcedure
    .input(
      z.object({ search: z.string().trim().max(200).optional(), tag: z.string().trim().max(50).optional() }),
    )
    .query(async ({ ctx, input }) => ({ csv: await exportContactsCsv(ctx.db, ctx.workspaceId, input) })),
  /** Everything Murmur holds about one contact, as JSON (a data-access request). */
  exportData: adminProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => exportContactData(ctx.db, ctx.workspaceId, input.id, ctx.now())),
  /** Erases the contact and every row about them, leaving an audit entry without personal data. */
  erase: adminProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => eraseContact(ctx.db, ctx.workspaceId, input.id, ctx.userId)),
});
