import { authedProcedure, router } from '../trpc/init.ts';
import { accountDetails } from './leaderboard.account.ts';
import { compareSnapshots, nicheCommunities, nicheGraph } from './leaderboard.graph.ts';
import { accountInput, compareInput, graphInput, listInput, snapshotInput } from './leaderboard.schemas.ts';
import { listLeaderboard } from './leaderboard.service.ts';

export const leaderboardRouter = router({
  list: authedProcedure
    .input(listInput)
    .query(({ ctx, input }) => listLeaderboard(ctx.db, ctx.workspaceId, input)),
  account: authedProcedure
    .input(accountInput)
    .query(({ ctx, input }) => accountDetails(ctx.db, ctx.workspaceId, input)),
  graph: authedProcedure
    .input(graphInput)
    .query(({ ctx, input }) => nicheGraph(ctx.db, ctx.workspaceId, input)),
  communities: authedProcedure
    .input(snapshotInput)
    .query(({ ctx, input }) => nicheCommunities(ctx.db, ctx.workspaceId, input.nicheId, input.snapshotId)),
  compare: authedProcedure
    .input(compareInput)
    .query(({ ctx, input }) => compareSnapshots(ctx.db, ctx.workspaceId, input)),
});
