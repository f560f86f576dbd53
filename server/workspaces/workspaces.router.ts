import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { emailSchema, passwordSchema } from '../auth/auth.router.ts';
import { hashPassword } from '../auth/password.ts';
import { memberships, roles, sessions, users, workspaces } from '../db/schema/index.ts';
import { adminProcedure, router, userProcedure } from '../trpc/init.ts';
import {
  assertMayGrant,
  assertOwnerRemains,
  findUserByEmail,
  listMembers,
  listWorkspacesOf,
  membershipOf,
  WorkspaceError,
} from './workspaces.service.ts';

const roleSchema = z.enum(roles);
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
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'An API key belongs to one workspace and cannot switch.',
      });
    }
    const membership = await membershipOf(ctx.db, ctx.auth.user.id, input.workspaceId);
    if (!membership) throw new WorkspaceError('not_found', 'No such workspace.', 'not_member');
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
   * Adds someone to the current workspace. An existing user is added as they are; a new one
   * is created with the initial password the admin hands them.
   */
  addMember: adminProcedure
    .input(
      z.object({
        email: emailSchema,
        role: roleSchema,
        name: z.string().trim().max(200).optional(),
        password: passwordSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertMayGrant(ctx.role, input.role);
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      return ctx.db.transaction(async (tx) => {
        let user = await findUserByEmail(tx, input.email);
        if (!user) {
          if (!passwordHash) {
            throw new WorkspaceError(
              'invalid',
              'This person has no Murmur account yet: give them an initial password.',
            );
          }
          [user] = await tx
            .insert(users)
            .values({ email: input.email, name: input.name ?? '', passwordHash })
            .returning();
        }
        const existing = await membershipOf(tx, user.id, ctx.workspaceId);
        if (existing)
          throw new WorkspaceError('conflict', `${input.email} is already a member.`, 'already_member');
        await tx
          .insert(memberships)
          .values({ workspaceId: ctx.workspaceId, userId: user.id, role: input.role });
        return { userId: user.id, email: user.email, role: input.role };
      });
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
      });
      return { ok: true as const };
    }),

  removeMember: adminProcedure.input(z.object({ userId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction(async (tx) => {
      const target = await membershipOf(tx, input.userId, ctx.workspaceId);
      if (target?.role === 'owner') assertMayGrant(ctx.role, 'owner');
      await assertOwnerRemains(tx, ctx.workspaceId, input.userId);
      await tx
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
    });
    return { ok: true as const };
  }),
});
