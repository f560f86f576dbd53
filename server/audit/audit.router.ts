import { z } from 'zod';
import { auditEntities } from '../db/schema/index.ts';
import { adminProcedure, router } from '../trpc/init.ts';
import { listAudit } from './audit.service.ts';

export const auditRouter = router({
  /** Newest first; admins only, since entries show what was changed to what. */
  list: adminProcedure
    .input(
      z
        .object({
          entityType: z.enum(auditEntities).optional(),
          entityId: z.uuid().optional(),
          cursor: z.string().max(500).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .prefault({}), // no input lists the newest entries
    )
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.workspaceId, input)),
});
