import { z } from 'zod';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { contactFields, listInput, updateInput } from './contacts.schemas.ts';
import { createContact, getContact, listContacts, removeContact, updateContact } from './contacts.service.ts';

const byIdInput = z.object({ id: z.uuid('That is not a contact id.') });

export const contactsRouter = router({
  list: authedProcedure
    .input(listInput)
    .query(({ ctx, input }) => listContacts(ctx.db, ctx.workspaceId, input)),
  byId: authedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getContact(ctx.db, ctx.workspaceId, input.id)),
  create: writerProcedure
    .input(contactFields)
    .mutation(({ ctx, input }) => createContact(ctx.db, ctx.workspaceId, input)),
  update: writerProcedure.input(updateInput).mutation(({ ctx, input }) => {
    const { id, ...fields } = input;
    return updateContact(ctx.db, ctx.workspaceId, id, fields, ctx.now());
  }),
  remove: writerProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeContact(ctx.db, ctx.workspaceId, input.id)),
});
