import { requireQueue } from '../niches/niches.router.ts';
import { nicheIdInput } from '../niches/niches.schemas.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { crawlProgress, latestRun } from './crawl.progress.ts';
import { cancelCrawl, pauseCrawl, resumeCrawl, startCrawl } from './crawl.service.ts';

export const crawlsRouter = router({
  /** Live counters of the niche's latest crawl, or null when it was never crawled. */
  progress: authedProcedure.input(nicheIdInput).query(async ({ ctx, input }) => {
    const niche = await requireNiche(ctx.db, ctx.workspaceId, input.nicheId);
    const run = await latestRun(ctx.db, niche.id);
    return run ? crawlProgress(run, ctx.now()) : null;
  }),
  start: writerProcedure.input(nicheIdInput).mutation(async ({ ctx, input }) => {
    const run = await startCrawl(
      ctx.db,
      requireQueue(ctx.queue),
      { ...input, workspaceId: ctx.workspaceId },
      ctx.now(),
    );
    return crawlProgress(run, ctx.now());
  }),
  pause: writerProcedure.input(nicheIdInput).mutation(async ({ ctx, input }) => {
    const run = await pauseCrawl(ctx.db, { ...input, workspaceId: ctx.workspaceId }, ctx.now());
    return crawlProgress(run, ctx.now());
  }),
  resume: writerProcedure.input(nicheIdInput).mutation(async ({ ctx, input }) => {
    const run = await resumeCrawl(
      ctx.db,
      requireQueue(ctx.queue),
      { ...input, workspaceId: ctx.workspaceId },
      ctx.now(),
    );
    return crawlProgress(run, ctx.now());
  }),
  cancel: writerProcedure.input(nicheIdInput).mutation(async ({ ctx, input }) => {
    const run = await cancelCrawl(ctx.db, { ...input, workspaceId: ctx.workspaceId }, ctx.now());
    return crawlProgress(run, ctx.now());
  }),
});
