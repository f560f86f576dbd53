import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { emailSchema, roleSchema } from '../auth/auth.schemas.ts';
import { publicBaseUrl } from '../auth/public-base-url.ts';
import { invitations, memberships, sessions, workspaces } from '../db/schema/index.ts';
import { adminProcedure, router, userProcedure } from '../trpc/init.ts';
import { createInvitation, listOpenInvitations, revokeInvitation } from './invitations.service.ts';
import { WorkspaceError } from './workspaces.errors.ts';
import {
  assertMayGrant,
  assertOwnerRemains,
  listMembers,
  listWorkspacesOf,
  membershipOf,
  removeMembership,
} from './workspaces.service.ts';

const nameSchema = z.string().trim().min(1, 'Enter a name.').max(200);

export const workspacesRouter = router({
  list: userProcedure.query(({ ctx }) => listWorkspacesOf(ctx.db, ctx.auth.user.id)),

  /** Creates a workspace owned by the caller and switches to it. */
  create: userProcedure.input(z.object({ name: nameSchema })).mutation(async ({ ctx, input }) => {
    const workspace = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(workspaces).values({ name: input.name }).returning();
      await tx.insert(memberships).values({ workspaceId: row.id, userId: ctx.auth.user.id, role: 'owner' });
      if (ctx.auth.sessionId)
        await tx.update(sessions).set({ workspaceId: row.id }).where(eq(sessions.id, ctx.auth.sessionId));
      return row;
    });
    return { id: workspace.id, name: workspace.name, role: 'owner' as const };
  }),

  /** Makes another of the caller's workspaces the current one for this session. */
  switch: userProcedure.input(z.object({ workspaceId: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!ctx.auth.sessionId) {
      throw new WorkspaceError(
        'api_key_cannot_switch',
        'An API key belongs to one workspace and cannot switch.',
      );
    }
    const membership = await membershipOf(ctx.db, ctx.auth.user.id, input.workspaceId);
    if (!membership) throw new WorkspaceError('workspace_not_found', 'No such workspace.');
    await ctx.db
      .update(sessions)
      .set({ workspaceId: input.workspaceId })
      .where(eq(sessions.id, ctx.auth.sessionId));
    return { workspaceId: input.workspaceId, role: membership.role };
  }),

  rename: adminProcedure.input(z.object({ name: nameSchema })).mutation(async ({ ctx, input }) => {
    await ctx.db.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, ctx.workspaceId));
    return { ok: true as const };
  }),

  members: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.workspaceId)),

  /**
   * Invites someone to the current workspace and returns the link to hand them, once. The
   * answer has the same shape whether or not the email has an account; no password is set here.
   */
  invite: adminProcedure
    .input(z.object({ email: emailSchema, role: roleSchema }))
    .mutation(({ ctx, input }) => {
      assertMayGrant(ctx.role, input.role);
      return createInvitation(
        ctx.db,
        ctx.secret,
        {
          workspaceId: ctx.workspaceId,
          invitedBy: ctx.userId,
          email: input.email,
          role: input.role,
          now: ctx.now(),
        },
        { config: ctx.config, baseUrl: publicBaseUrl(ctx.config) },
      );
    }),

  /** Invitations not yet used or revoked (expired ones show as such). */
  invitations: adminProcedure.query(({ ctx }) => listOpenInvitations(ctx.db, ctx.workspaceId, ctx.now())),

  revokeInvitation: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const [target] = await ctx.db
      .select({ role: invitations.role, email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.id, input.id), eq(invitations.workspaceId, ctx.workspaceId)));
    if (target) assertMayGrant(ctx.role, target.role);
    await ctx.db.transaction(async (tx) => {
      await revokeInvitation(tx, ctx.workspaceId, input.id, ctx.now());
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        entityType: 'invitation',
        entityId: input.id,
        action: 'revoked',
        changes: { email: target?.email, role: target?.role },
      });
    });
    return { ok: true as const };
  }),

  updateMember: adminProcedure
    .input(z.object({ userId: z.uuid(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      assertMayGrant(ctx.role, input.role);
      await ctx.db.transaction(async (tx) => {
        const target = await membershipOf(tx, input.userId, ctx.workspaceId);
        if (target?.role === 'owner') assertMayGrant(ctx.role, 'owner');
        if (input.role !== 'owner') await assertOwnerRemains(tx, ctx.workspaceId, input.userId);
        await tx
          .update(memberships)
          .set({ role: input.role })
          .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
        if (target && target.role !== input.role) {
          await recordAudit(tx, {
            workspaceId: ctx.workspaceId,
            actorId: ctx.userId,
            entityType: 'member',
            entityId: input.userId,
            action: 'role_changed',
            changes: { role: { from: target.role, to: input.role } },
          });
        }
      });
      return { ok: true as const };
    }),

  removeMember: adminProcedure.input(z.object({ userId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction(async (tx) => {
      const target = await membershipOf(tx, input.userId, ctx.workspaceId);
      if (target?.role === 'owner') assertMayGrant(ctx.role, 'owner');
      await assertOwnerRemains(tx, ctx.workspaceId, input.userId);
      await removeMembership(tx, ctx.workspaceId, input.userId, ctx.now());
      if (target) {
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actorId: ctx.userId,
          entityType: 'member',
          entityId: input.userId,
          action: 'removed',
          changes: { role: target.role },
        });
      }
    });
    return { ok: true as const };
  }),
});
