/** "Forgot password?": ask for a link (same answer for any address), then set a new password with it. */
import { z } from 'zod';
import type { Config } from '../config.ts';
import { publicProcedure } from '../trpc/init.ts';
import { emailSchema, passwordSchema } from './auth.schemas.ts';
import { requestPasswordReset, resetPassword } from './password-reset.service.ts';

/** Where links point: PUBLIC_URL, else the address the server listens on. */
export function publicBaseUrl(config: Config | undefined): string {
  if (config?.publicUrl) return config.publicUrl.replace(/\/$/, '');
  if (config) return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return 'http://localhost:3000';
}

export const passwordResetProcedures = {
  requestPasswordReset: publicProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(async ({ ctx, input }) => {
      const deps = { db: ctx.db, secret: ctx.secret, config: ctx.config, baseUrl: publicBaseUrl(ctx.config) };
      await requestPasswordReset(deps, input.email, ctx.now());
      return {
        ok: true as const,
        message: `If ${input.email} has a Murmur account, a reset link is on its way. It works once, for one hour.`,
      };
    }),

  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), password: passwordSchema }))
    .mutation(({ ctx, input }) => resetPassword(ctx, input.token, input.password, ctx.now())),
};
