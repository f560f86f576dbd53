import { z } from 'zod';
import { requireQueue } from '../niches/niches.router.ts';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { learnedModelAvailability } from './learned-actions.ts';
import { planToDeals } from './plan-deals.ts';
import { createPlanInput, nicheId, planId, toDealsInput } from './plans.schemas.ts';
import { createPlan, getPlan, listPlans } from './plans.service.ts';

export const plansRouter = router({
  /** Checks the request and queues the plan; poll `byId` for progress and the result. */
  create: writerProcedure
    .input(createPlanInput)
    .mutation(({ ctx, input }) =>
      createPlan(ctx.db, requireQueue(ctx.queue), ctx.workspaceId, ctx.userId, input),
    ),
  byId: authedProcedure
    .input(z.object({ id: planId }))
    .query(({ ctx, input }) => getPlan(ctx.db, ctx.workspaceId, input.id)),
  /** A niche's plans, newest first, and which models it can plan with. */
  list: authedProcedure.input(z.object({ nicheId })).query(async ({ ctx, input }) => ({
    plans: await listPlans(ctx.db, ctx.workspaceId, input.nicheId),
    learned: await learnedModelAvailability(ctx.db, ctx.workspaceId, input.nicheId),
  })),
  /** First-stage deals in a campaign for every pick, with its planned fee; a second call adds nothing. */
  toDeals: writerProcedure
    .input(toDealsInput)
    .mutation(({ ctx, input }) => planToDeals(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
});
