import { z } from 'zod';
import { startCrawl } from '../crawl/crawl.service.ts';
import { enqueueScoring } from '../scoring/scoring.service.ts';
import { authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { renameCommunity } from './community-names.service.ts';
import { createDemoNiche } from './demo.ts';
import { NicheError } from './niches.errors.ts';
import { createNicheInput, nicheIdInput } from './niches.schemas.ts';
import { createNiche, getNiche, listNiches, removeNiche, requireNiche } from './niches.service.ts';

export const nichesRouter = router({
  list: authedProcedure.query(({ ctx }) => listNiches(ctx.db, ctx.workspaceId, ctx.now())),

  byId: authedProcedure
    .input(z.object({ id: z.uuid('That is not a niche id.') }))
    .query(({ ctx, input }) => getNiche(ctx.db, ctx.workspaceId, input.id, ctx.now())),

  create: writerProcedure.input(createNicheInput).mutation(async ({ ctx, input }) => {
    const niche = await createNiche(ctx.db, ctx.workspaceId, ctx.userId, input);
    if (input.start && niche.platform !== 'file') {
      await startCrawl(
        ctx.db,
        requireQueue(ctx.queue),
        { nicheId: niche.id, workspaceId: ctx.workspaceId },
        ctx.now(),
      );
    }
    return { id: niche.id, name: niche.name };
  }),

  remove: writerProcedure
    .input(z.object({ id: z.uuid('That is not a niche id.') }))
    .mutation(({ ctx, input }) => removeNiche(ctx.db, ctx.workspaceId, input.id)),

  /** A generated demo niche, scored, so a newcomer sees the leaderboard and map without crawling. */
  createDemo: writerProcedure.mutation(async ({ ctx }) => {
    const demo = await createDemoNiche(ctx.db, ctx.workspaceId, ctx.userId);
    await enqueueScoring(ctx.db, requireQueue(ctx.queue), {
      nicheId: demo.niche.id,
      workspaceId: ctx.workspaceId,
    });
    return { id: demo.niche.id, name: demo.niche.name, accounts: demo.accounts, edges: demo.edges };
  }),

  /** Names a community of a snapshot; an empty name goes back to naming it by its top accounts. */
  renameCommunity: writerProcedure
    .input(
      z.object({
        nicheId: z.uuid('That is not a niche id.'),
        snapshotId: z.uuid('That is not a snapshot id.'),
        communityId: z.number().int().min(0),
        name: z.string().trim().max(80, 'Keep the name under 80 characters.'),
      }),
    )
    .mutation(({ ctx, input }) => renameCommunity(ctx.db, ctx.workspaceId, ctx.userId, input)),

  /** Scores the niche again (a new snapshot; earlier ones stay for comparison). */
  score: writerProcedure.input(nicheIdInput).mutation(async ({ ctx, input }) => {
    const niche = await requireNiche(ctx.db, ctx.workspaceId, input.nicheId);
    if (niche.status === 'crawling' || niche.status === 'importing') {
      throw new NicheError('busy', `Wait until the niche has finished ${niche.status}, or pause it first.`);
    }
    await enqueueScoring(ctx.db, requireQueue(ctx.queue), {
      nicheId: niche.id,
      workspaceId: ctx.workspaceId,
    });
    return { ok: true as const };
  }),
});

export function requireQueue<T>(queue: T | undefined): T {
  if (!queue) throw new NicheError('jobs_not_running', 'Background jobs are not running.');
  return queue;
}
