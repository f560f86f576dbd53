import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AuthError } from '../auth/auth.errors.ts';
import { requireRole } from '../auth/roles.ts';
import type { Role } from '../db/schema/index.ts';
import { internalErrorMessage } from '../lib/request-id.ts';
import type { Context } from './context.ts';
import { publicErrorCode, toTRPCError } from './errors.ts';
import { findUnsafeText } from './unsafe-input.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof z.ZodError ? error.cause : undefined;
    // An error nobody mapped says nothing about its insides (SQL, bound values): only an id to quote.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? internalErrorMessage() : zodError ? describeZodError(zodError) : shape.message,
      data: {
        ...shape.data,
        // The feature's code (`over_budget`, `needs_target`…): what the web branches on, not the status.
        code: publicErrorCode(error),
        stack: undefined,
        fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : undefined,
      },
    };
  },
});

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns typed feature errors into tRPC errors, keeping the cause. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

/** NUL and lone surrogates cannot be stored by PostgreSQL: refuse them here, once for every procedure. */
const rejectUnsafeText = t.middleware(async ({ getRawInput, next }) => {
  const where = findUnsafeText(await getRawInput());
  if (where !== undefined) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${where ? `${where}: ` : ''}text must not contain NUL characters or unpaired surrogates.`,
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(rejectUnsafeText).use(mapErrors);

/** Signed in, in any workspace or none. */
export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new AuthError('sign_in_required', 'Sign in first.');
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

function atLeast(min: Role) {
  return userProcedure.use(({ ctx, next }) => next({ ctx: { ...ctx, ...requireRole(ctx.auth, min) } }));
}

/** Reads in the current workspace (every role). */
export const authedProcedure = atLeast('viewer');
/** Writes in the current workspace: members and up. */
export const writerProcedure = atLeast('member');
/** Manages people and keys: admins and owners. */
export const adminProcedure = atLeast('admin');
export const ownerProcedure = atLeast('owner');
