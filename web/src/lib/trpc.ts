import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
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

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

export function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'CONFLICT';
}

/** Field errors from zod validation, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string[] | undefined> {
  if (error instanceof TRPCClientError) return (error.data?.fieldErrors as Record<string, string[]>) ?? {};
  return {};
}

/** The server refused a deal change because it would go over the campaign budget (the person may confirm). */
export function isOverBudget(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'PRECONDITION_FAILED';
}
