import { z } from 'zod';
import { stageKinds } from '../db/schema/index.ts';
import { adminProcedure, authedProcedure, router } from '../trpc/init.ts';
import {
  countDealsByStage,
  createStage,
  ensureStages,
  removeStage,
  reorderStages,
  updateStage,
} from './stages.service.ts';

const name = z.string().trim().min(1, 'Enter a stage name.').max(60);
const id = z.uuid('That is not a stage id.');

export const stagesRouter = router({
  /** The pipeline's stages in order, with how many deals each holds across campaigns. */
  list: authedProcedure.query(async ({ ctx }) => {
    const list = await ensureStages(ctx.db, ctx.workspaceId);
    const counts = await countDealsByStage(ctx.db, ctx.workspaceId);
    return list.map((s) => ({ ...s, dealCount: counts.get(s.id) ?? 0 }));
  }),
  create: adminProcedure
    .input(
      z.object({
        name,
        kind: z.enum(stageKinds).default('open'),
        committed: z.boolean().default(false),
        position: z.number().int().min(0).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createStage(ctx.db, ctx.workspaceId, ctx.userId, input)),
  update: adminProcedure
    .input(
      z.object({
        id,
        name: name.optional(),
        kind: z.enum(stageKinds).optional(),
        committed: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { id: stageId, ...fields } = input;
      return updateStage(ctx.db, ctx.workspaceId, ctx.userId, stageId, fields);
    }),
  reorder: adminProcedure
    .input(z.object({ ids: z.array(id).min(1).max(100) }))
    .mutation(({ ctx, input }) => reorderStages(ctx.db, ctx.workspaceId, ctx.userId, input.ids)),
  /** Deleting a stage that holds deals needs `moveDealsTo`; without it the answer says how many. */
  remove: adminProcedure
    .input(z.object({ id, moveDealsTo: id.optional() }))
    .mutation(({ ctx, input }) =>
      removeStage(ctx.db, ctx.workspaceId, ctx.userId, input.id, input.moveDealsTo, ctx.now()),
    ),
});
