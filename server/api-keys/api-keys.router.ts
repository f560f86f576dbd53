import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { apiKeys, roles } from '../db/schema/index.ts';
import { adminProcedure, router } from '../trpc/init.ts';
import { assertMayGrant } from '../workspaces/workspaces.service.ts';
import { ApiKeyError } from './api-keys.errors.ts';

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select(listed)
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, ctx.workspaceId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt)),
  ),

  /** Creates a key and returns its secret, once: only a hash is kept. */
  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'Name the key.').max(100),
        role: z.enum(roles).default('member'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertMayGrant(ctx.role, input.role);
      const secret = newToken('mmk');
      const row = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(apiKeys)
          .values({
            workspaceId: ctx.workspaceId,
            userId: ctx.userId,
            name: input.name,
            prefix: secret.slice(0, 10),
            keyHash: hashToken(ctx.secret, secret),
            role: input.role,
          })
          .returning(listed);
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actorId: ctx.userId,
          entityType: 'api_key',
          entityId: created.id,
          action: 'created',
          changes: { name: input.name, role: input.role },
        });
        return created;
      });
      return { ...row, secret };
    }),

  remove: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction(async (tx) => {
      const [revoked] = await tx
        .update(apiKeys)
        .set({ revokedAt: ctx.now() })
        .where(
          and(eq(apiKeys.id, input.id), eq(apiKeys.workspaceId, ctx.workspaceId), isNull(apiKeys.revokedAt)),
        )
        .returning({ id: apiKeys.id, name: apiKeys.name });
      if (!revoked) throw new ApiKeyError('api_key_not_found', 'No such API key.');
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        entityType: 'api_key',
        entityId: revoked.id,
        action: 'revoked',
        changes: { name: revoked.name },
      });
    });
    return { ok: true as const };
  }),
});
