import { eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns.service.ts';
import { campaignTracking } from '../db/schema/index.ts';
import { adminProcedure, authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { ensureCampaignTracking } from './collect-follows.ts';
import { findPosts } from './find-posts.ts';
import { getSettings, saveSettings } from './measurement-settings.ts';
import { scanOrganic } from './organic.ts';
import { pollTrackedPost } from './poll-post.ts';
import { dealInWorkspace, decideProposal, trackPost } from './track-post.ts';
import { runtimeOf } from './tracking.context.ts';
import { startTicking } from './tracking.job.ts';
import { postsOfDeal, trackedPost } from './tracking.queries.ts';
import { byId, campaignInput, dealInput, settingsInput, termsInput, trackInput } from './tracking.schemas.ts';

export const trackingRouter = router({
  /** Resolves a pasted post address, warns when the author is not the deal's influencer, starts polling. */
  track: writerProcedure.input(trackInput).mutation(async ({ ctx, input }) => {
    const result = await trackPost(ctx.db, runtimeOf(ctx), ctx.workspaceId, input);
    await startTicking(ctx.queue);
    return result;
  }),
  /** A deal's tracked and proposed posts, each with its snapshots. */
  listForDeal: authedProcedure.input(dealInput).query(async ({ ctx, input }) => {
    await dealInWorkspace(ctx.db, ctx.workspaceId, input.dealId);
    return postsOfDeal(ctx.db, ctx.workspaceId, input.dealId);
  }),
  byId: authedProcedure.input(byId).query(({ ctx, input }) => trackedPost(ctx.db, ctx.workspaceId, input.id)),
  confirm: writerProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const result = await decideProposal(ctx.db, ctx.workspaceId, input.id, 'confirm', ctx.now());
    await pollTrackedPost(ctx.db, runtimeOf(ctx), input.id);
    await startTicking(ctx.queue);
    return result;
  }),
  dismiss: writerProcedure
    .input(byId)
    .mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.workspaceId, input.id, 'dismiss', ctx.now())),
  /** Polls one post now, outside its schedule. */
  pollNow: writerProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await trackedPost(ctx.db, ctx.workspaceId, input.id);
    return pollTrackedPost(ctx.db, runtimeOf(ctx), input.id);
  }),
  /** Scans the deals' accounts for posts with the campaign's terms and proposes them. */
  findPosts: writerProcedure.input(campaignInput).mutation(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.campaignId);
    return findPosts(ctx.db, runtimeOf(ctx), ctx.workspaceId, input.campaignId);
  }),
  scanOrganic: writerProcedure.input(campaignInput).mutation(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.campaignId);
    return scanOrganic(ctx.db, runtimeOf(ctx), ctx.secret, ctx.workspaceId, input.campaignId);
  }),
  terms: authedProcedure.input(campaignInput).query(async ({ ctx, input }) => {
    await getCampaign(ctx.db, ctx.workspaceId, input.campaignId);
    const t = await ensureCampaignTracking(ctx.db, ctx.workspaceId, input.campaignId);
    return {
      hashtags: t.hashtags,
      links: t.links,
      keywords: t.keywords,
      followBudget: t.followBudget,
      followRequestsUsed: t.followRequestsUsed,
    };
  }),
  setTerms: writerProcedure.input(termsInput).mutation(async ({ ctx, input }) => {
    const { campaignId, ...terms } = input;
    await getCampaign(ctx.db, ctx.workspaceId, campaignId);
    await ensureCampaignTracking(ctx.db, ctx.workspaceId, campaignId);
    await ctx.db
      .update(campaignTracking)
      .set({ ...terms, updatedAt: ctx.now() })
      .where(eq(campaignTracking.campaignId, campaignId));
    return { campaignId, ...terms };
  }),
  settings: authedProcedure.query(({ ctx }) => getSettings(ctx.db, ctx.workspaceId)),
  /** EMV inputs and the Bluesky search account (admins: it holds a password). */
  saveSettings: adminProcedure
    .input(settingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx.db, ctx.secret, ctx.workspaceId, input, ctx.now())),
});
