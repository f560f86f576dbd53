import { count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '../db/schema/index.ts';
import { publicProcedure, router, userProcedure } from '../trpc/init.ts';
import { listWorkspacesOf } from '../workspaces/workspaces.service.ts';
import { AuthError } from './auth.errors.ts';
import { decoyHash, hashPassword, minPasswordLength, verifyPassword } from './password.ts';
import { createSession, revokeSession } from './session.service.ts';
import { clearFailures, recordFailure, throttledFor, throttleKeys } from './throttle.ts';

export const emailSchema = z
  .email('Enter a valid email address.')
  .max(320)
  .transform((e) => e.trim().toLowerCase());
export const passwordSchema = z
  .string()
  .min(minPasswordLength, `Use at least ${minPasswordLength} characters.`)
  .max(200, 'Use at most 200 characters.');

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
        name: z.string().trim().min(1, 'Enter your name.').max(200),
        email: emailSchema,
        password: passwordSchema,
        workspaceName: z.string().trim().min(1, 'Name the workspace.').max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const created = await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(74917302)`);
        const [existing] = await tx.select({ n: count() }).from(users);
        if (existing.n > 0)
          throw new AuthError('conflict', 'Murmur is already set up: sign in instead.', 'already_set_up');
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
    .input(z.object({ email: emailSchema, password: z.string().min(1, 'Enter your password.').max(200) }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const keys = throttleKeys(input.email, ctx.ip);
      const wait = await throttledFor(ctx.db, keys, now);
      if (wait > 0) {
        throw new AuthError(
          'too_many_requests',
          `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`,
          'throttled',
        );
      }
      const [user] = await ctx.db
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email));
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
      if (!user || !ok) {
        await recordFailure(ctx.db, keys, now);
        throw new AuthError('unauthorized', 'Wrong email or password.', 'bad_credentials');
      }
      await clearFailures(ctx.db, keys[0].key);
      const [first] = await listWorkspacesOf(ctx.db, user.id);
      const session = await createSession(ctx.db, ctx.secret, user.id, first?.id ?? null, now);
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
});
