import { z } from 'zod';
import { authedProcedure, router } from '../trpc/init.ts';
import { reportCsv } from './report-csv.ts';
import { campaignReport } from './reports.service.ts';

const campaignInput = z.object({ campaignId: z.uuid('That is not a campaign id.') });

export const reportsRouter = router({
  /** Everything the Reports page shows for one campaign, with each figure's formula. */
  campaign: authedProcedure
    .input(campaignInput)
    .query(({ ctx, input }) => campaignReport(ctx.db, ctx.workspaceId, input.campaignId)),
  /** The report's posts as CSV (unknown figures are empty cells). */
  csv: authedProcedure.input(campaignInput).query(async ({ ctx, input }) => ({
    csv: reportCsv(await campaignReport(ctx.db, ctx.workspaceId, input.campaignId)),
  })),
});
