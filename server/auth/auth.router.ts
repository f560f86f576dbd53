import { count, sql } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '../db/schema/index.ts';
import { publicProcedure, router, userProcedure } from '../trpc/init.ts';
import { listWorkspacesOf } from '../workspaces/workspaces.service.ts';
import { accountProcedures } from './account.procedures.ts';
import { AuthError } from './auth.errors.ts';
import { currentPasswordSchema, emailSchema, passwordSchema, personNameSchema } from './auth.schemas.ts';
import { checkPassword } from './credentials.ts';
import { hashPassword } from './password.ts';
import { passwordResetProcedures } from './password-reset.procedures.ts';
import { createSession, revokeSession } from './session.service.ts';

// Kept here too for callers that imported them from the router.
export { emailSchema, passwordSchema };

export const authRouter = router({
  /** Whether the first user still has to be created (first run). */
  setupStatus: publicProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db.select({ n: count() }).from(users);
    return { needsSetup: row.n === 0 };
  }),

  /** First run: creates the first user as owner of the first workspace, and signs them in. */
  setup: publicProcedure
    .input(
      z.object({
        name: personNameSchema.pipe(z.string().min(1, 'Enter your name.')),
        email: emailSchema,
        password: passwordSchema,
        workspaceName: personNameSchema.pipe(z.string().min(1, 'Name the workspace.')),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const created = await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(74917302)`);
        const [existing] = await tx.select({ n: count() }).from(users);
        if (existing.n > 0)
          throw new AuthError('already_set_up', 'Murmur is already set up: sign in instead.');
        const [user] = await tx
          .insert(users)
          .values({ email: input.email, name: input.name, passwordHash })
          .returning({ id: users.id });
        const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName }).returning();
        await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: 'owner' });
        return { userId: user.id, workspaceId: workspace.id };
      });
      const session = await createSession(ctx.db, ctx.secret, created.userId, created.workspaceId, ctx.now());
      ctx.cookies?.setSession(session.token, session.expiresAt);
      return { ok: true as const };
    }),

  signIn: publicProcedure
    .input(z.object({ email: emailSchema, password: currentPasswordSchema }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const userId = await checkPassword(ctx.db, { ...input, ip: ctx.ip, now });
      const [first] = await listWorkspacesOf(ctx.db, userId);
      const session = await createSession(ctx.db, ctx.secret, userId, first?.id ?? null, now);
      ctx.cookies?.setSession(session.token, session.expiresAt);
      return { ok: true as const };
    }),

  signOut: userProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth.sessionId) await revokeSession(ctx.db, ctx.auth.sessionId, ctx.now());
    ctx.cookies?.clearSession();
    return { ok: true as const };
  }),

  /** Who is signed in, their workspaces and the current one. */
  me: userProcedure.query(async ({ ctx }) => {
    const list = await listWorkspacesOf(ctx.db, ctx.auth.user.id);
    return {
      user: ctx.auth.user,
      workspaceId: ctx.auth.workspaceId,
      role: ctx.auth.role,
      via: ctx.auth.via,
      workspaces: list,
    };
  }),

  ...accountProcedures,
  ...passwordResetProcedures,
});
