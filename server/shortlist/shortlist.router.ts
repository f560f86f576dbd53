import { z } from 'zod';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { addShortlistToContacts } from './shortlist.contacts.ts';
import { addToShortlist, listShortlist, removeFromShortlist } from './shortlist.service.ts';

const nicheId = z.uuid('That is not a niche id.');
const accountId = z.number().int().positive();
const accountsInput = z.object({ nicheId, accountIds: z.array(accountId).min(1).max(500) });

export const shortlistRouter = router({
  list: authedProcedure
    .input(z.object({ nicheId }))
    .query(({ ctx, input }) => listShortlist(ctx.db, ctx.workspaceId, input.nicheId)),
  add: writerProcedure
    .input(accountsInput)
    .mutation(({ ctx, input }) =>
      addToShortlist(ctx.db, ctx.workspaceId, ctx.userId, input.nicheId, input.accountIds),
    ),
  remove: writerProcedure
    .input(z.object({ nicheId, accountId }))
    .mutation(({ ctx, input }) =>
      removeFromShortlist(ctx.db, ctx.workspaceId, input.nicheId, input.accountId),
    ),
  addToContacts: writerProcedure
    .input(accountsInput)
    .mutation(({ ctx, input }) =>
      addShortlistToContacts(ctx.db, ctx.workspaceId, ctx.userId, input.nicheId, input.accountIds),
    ),
});
