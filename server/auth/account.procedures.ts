/** A person's own account: joining through an invitation, changing the password, ending sessions. */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { sessions, users } from '../db/schema/index.ts';
import { publicProcedure, userProcedure } from '../trpc/init.ts';
import { acceptInvitation, invitationByToken, statusOf } from '../workspaces/invitations.service.ts';
import { AuthError } from './auth.errors.ts';
import {
  currentPasswordSchema,
  invitationTokenSchema,
  passwordSchema,
  personNameSchema,
} from './auth.schemas.ts';
import { checkPassword } from './credentials.ts';
import { hashPassword } from './password.ts';
import { createSession } from './session.service.ts';

/** Spread into the auth router, so the API keeps one `auth.*` namespace. */
export const accountProcedures = {
  /**
   * What an invitation link offers, for the page that opens it. It does not say whether the
   * email has an account: the page asks for a password either way.
   */
  invitation: publicProcedure
    .input(z.object({ token: invitationTokenSchema }))
    .query(async ({ ctx, input }) => {
      const { invitation, workspaceName } = await invitationByToken(ctx.db, ctx.secret, input.token);
      return {
        workspaceName,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        status: statusOf(invitation, ctx.now()),
      };
    }),

  /** Joins through a link: a new person chooses their password, an existing one enters theirs. */
  acceptInvitation: publicProcedure
    .input(
      z.object({
        token: invitationTokenSchema,
        password: passwordSchema.optional(),
        name: personNameSchema.default(''),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const joined = await acceptInvitation(ctx.db, ctx.secret, {
        ...input,
        signedInUserId: ctx.auth?.via === 'session' ? ctx.auth.user.id : undefined,
        ip: ctx.ip,
        now,
      });
      const session = await createSession(ctx.db, ctx.secret, joined.userId, joined.workspaceId, now);
      ctx.cookies?.setSession(session.token, session.expiresAt);
      return { workspaceId: joined.workspaceId };
    }),

  /** Needs the current password; every other session of the user ends. */
  changePassword: userProcedure
    .input(z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.auth.via !== 'session')
        throw new AuthError(
          'needs_session',
          'Change your password from a signed-in browser, not with an API key.',
        );
      const now = ctx.now();
      await checkPassword(ctx.db, {
        email: ctx.auth.user.email,
        password: input.currentPassword,
        ip: ctx.ip,
        now,
      });
      const passwordHash = await hashPassword(input.newPassword);
      const sessionId = ctx.auth.sessionId ?? '';
      await ctx.db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.auth.user.id));
        await tx
          .update(sessions)
          .set({ revokedAt: now })
          .where(
            and(
              eq(sessions.userId, ctx.auth.user.id),
              ne(sessions.id, sessionId),
              isNull(sessions.revokedAt),
            ),
          );
      });
      return { ok: true as const };
    }),

  /** Ends every session of the user, this one included (API keys are managed separately). */
  signOutEverywhere: userProcedure.mutation(async ({ ctx }) => {
    await ctx.db
      .update(sessions)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(sessions.userId, ctx.auth.user.id), isNull(sessions.revokedAt)));
    ctx.cookies?.clearSession();
    return { ok: true as const };
  }),
};
