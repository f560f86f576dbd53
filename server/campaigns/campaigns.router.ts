import { z } from 'zod';
import { timeline } from '../audit/activities.service.ts';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { listMembers } from '../workspaces/workspaces.service.ts';
import { campaignInput, campaignListInput, campaignUpdateInput } from './campaigns.schemas.ts';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  removeCampaign,
  updateCampaign,
} from './campaigns.service.ts';

const byId = z.object({ id: z.uuid('That is not a campaign id.') });

export const campaignsRouter = router({
  /** Campaigns with progress against budget and goals; archived ones only when asked. */
  list: authedProcedure
    .input(campaignListInput.prefault({})) // no input lists every active campaign
    .query(({ ctx, input }) => listCampaigns(ctx.db, ctx.workspaceId, input)),
  byId: authedProcedure.input(byId).query(({ ctx, input }) => getCampaign(ctx.db, ctx.workspaceId, input.id)),
  create: writerProcedure
    .input(campaignInput)
    .mutation(({ ctx, input }) => createCampaign(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  update: writerProcedure.input(campaignUpdateInput).mutation(({ ctx, input }) => {
    const { id, version, ...fields } = input;
    return updateCampaign(ctx.db, ctx.workspaceId, ctx.userId, id, version, fields, ctx.now());
  }),
  remove: writerProcedure
    .input(byId)
    .mutation(({ ctx, input }) => removeCampaign(ctx.db, ctx.workspaceId, ctx.userId, input.id, ctx.now())),
  /** Everything that happened in the campaign, newest first. */
  timeline: authedProcedure.input(byId).query(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.id);
    return timeline(ctx.db, ctx.workspaceId, { campaignId: input.id });
  }),
  /** The workspace's people, who can own campaigns and deals (names only, for every role). */
  owners: authedProcedure.query(async ({ ctx }) =>
    (await listMembers(ctx.db, ctx.workspaceId)).map((m) => ({
      userId: m.userId,
      name: m.name || m.email,
    })),
  ),
});
