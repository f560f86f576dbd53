import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterError } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/router.ts';

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The server refuses batches of more than 20 calls (server/http/app.ts).
      maxItems: 20,
      // Proves to the server that the call comes from our own pages (CSRF defence).
      headers: () => ({ 'x-murmur-client': 'web' }),
    }),
  ],
});

export type { AppRouter };

/** The message a person should read for a failed call. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** What the server says went wrong (`over_budget`, `needs_target`, `sign_in_required`…), never the HTTP status. */
export type ErrorCode = inferRouterError<AppRouter>['data']['code'];

/** The server's code for a failed call, or undefined when the call never got an answer. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error as TRPCClientError<AppRouter>).data?.code;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'sign_in_required';
}

/** Someone else saved first: reload and try again. */
export function isStale(error: unknown): boolean {
  return errorCode(error) === 'stale_version';
}

/** Field errors from zod validation, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string[] | undefined> {
  if (error instanceof TRPCClientError) return (error.data?.fieldErrors as Record<string, string[]>) ?? {};
  return {};
}

/** The server refused a deal change because it would go over the campaign budget (the person may confirm). */
export function isOverBudget(error: unknown): boolean {
  return errorCode(error) === 'over_budget';
}
