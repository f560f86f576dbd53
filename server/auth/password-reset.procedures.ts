/** "Forgot password?": ask for a link (same answer for any address), then set a new password with it. */
import { z } from 'zod';
import { publicProcedure } from '../trpc/init.ts';
import { emailSchema, passwordSchema } from './auth.schemas.ts';
import { enqueuePasswordReset } from './password-reset.job.ts';
import { requestPasswordReset, resetPassword } from './password-reset.service.ts';
import { publicBaseUrl } from './public-base-url.ts';

export const passwordResetProcedures = {
  requestPasswordReset: publicProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(async ({ ctx, input }) => {
      // Queued, so the answer takes the same time whether the address has an account or not
      // (password-reset.job.ts). Without a queue (a test's bare caller) it is sent right here.
      if (ctx.queue) await enqueuePasswordReset(ctx.queue, input.email);
      else {
        const deps = {
          db: ctx.db,
          secret: ctx.secret,
          config: ctx.config,
          baseUrl: publicBaseUrl(ctx.config),
        };
        await requestPasswordReset(deps, input.email, ctx.now());
      }
      return {
        ok: true as const,
        message: `If ${input.email} has a Murmur account, a reset link is on its way. It works once, for one hour.`,
      };
    }),

  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), password: passwordSchema }))
    .mutation(({ ctx, input }) => resetPassword(ctx, input.token, input.password, ctx.now())),
};
