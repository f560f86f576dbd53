import { z } from 'zod';
import { timeline } from '../audit/activities.service.ts';
import { getCampaign } from '../campaigns/campaigns.service.ts';
import { addShortlistToCampaign, shortlistsOf } from '../shortlist/shortlist.campaign.ts';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { addContactsToCampaign } from './deals.add.ts';
import { getBoard } from './deals.board.ts';
import { getDeal, listCards } from './deals.cards.ts';
import { exportDealsCsv } from './deals.csv.ts';
import { bulkMove, moveStage, removeDeal } from './deals.move.ts';
import { addNote } from './deals.notes.ts';
import {
  addContactsInput,
  boardInput,
  bulkAssignInput,
  bulkMoveInput,
  dealId,
  dealUpdateInput,
  exportInput,
  moveStageInput,
  noteInput,
} from './deals.schemas.ts';
import { bulkAssign, updateDeal } from './deals.update.ts';

const byId = z.object({ id: dealId });

export const dealsRouter = router({
  /** A campaign's deals as flat rows (the table view and the API). */
  list: authedProcedure.input(boardInput).query(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.campaignId);
    return listCards(ctx.db, ctx.workspaceId, input);
  }),
  /** A campaign's board: every stage with its cards in order, counts and fee totals. */
  board: authedProcedure
    .input(boardInput)
    .query(({ ctx, input }) => getBoard(ctx.db, ctx.workspaceId, input)),
  byId: authedProcedure.input(byId).query(({ ctx, input }) => getDeal(ctx.db, ctx.workspaceId, input.id)),
  timeline: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await getDeal(ctx.db, ctx.workspaceId, input.id);
    return timeline(ctx.db, ctx.workspaceId, { dealId: input.id });
  }),
  /** Adds contacts as deals in the first stage; skips (and reports) duplicates and do-not-contact. */
  create: writerProcedure
    .input(addContactsInput)
    .mutation(({ ctx, input }) =>
      addContactsToCampaign(
        ctx.db,
        ctx.workspaceId,
        input.campaignId,
        input.contactIds,
        ctx.userId,
        ctx.now(),
      ),
    ),
  /** Niches whose shortlist can be added to a campaign, with how many contacts each holds. */
  shortlists: authedProcedure.query(({ ctx }) => shortlistsOf(ctx.db, ctx.workspaceId)),
  /** Adds a niche's shortlisted contacts as first-stage deals, like `create`. */
  createFromShortlist: writerProcedure
    .input(z.object({ campaignId: z.uuid(), nicheId: z.uuid('That is not a niche id.') }))
    .mutation(({ ctx, input }) =>
      addShortlistToCampaign(ctx.db, ctx.workspaceId, input.campaignId, input.nicheId, ctx.userId, ctx.now()),
    ),
  update: writerProcedure
    .input(dealUpdateInput)
    .mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  moveStage: writerProcedure
    .input(moveStageInput)
    .mutation(({ ctx, input }) => moveStage(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  bulkMove: writerProcedure
    .input(bulkMoveInput)
    .mutation(({ ctx, input }) => bulkMove(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  bulkAssign: writerProcedure
    .input(bulkAssignInput)
    .mutation(({ ctx, input }) =>
      bulkAssign(ctx.db, ctx.workspaceId, ctx.userId, input.ids, input.ownerId, ctx.now()),
    ),
  addNote: writerProcedure
    .input(noteInput)
    .mutation(({ ctx, input }) =>
      addNote(ctx.db, ctx.workspaceId, ctx.userId, input.id, input.text, ctx.now()),
    ),
  remove: writerProcedure
    .input(byId)
    .mutation(({ ctx, input }) => removeDeal(ctx.db, ctx.workspaceId, ctx.userId, input.id, ctx.now())),
  /** CSV of the campaign's deals, or of the chosen ones. */
  exportCsv: authedProcedure.input(exportInput).query(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.campaignId);
    return { csv: await exportDealsCsv(ctx.db, ctx.workspaceId, input.campaignId, input.ids) };
  }),
});
