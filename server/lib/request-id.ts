/**
 * The id of the HTTP request being served, carried through async calls, so an error shown to a
 * user ("request id …"), the response's `x-request-id` header and every log line written while
 * serving it name the same request without passing the id down by hand.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const current = new AsyncLocalStorage<string>();

export const newRequestId = () => randomUUID();

/** Runs `work` as part of the request `id`. */
export function withRequestId<T>(id: string, work: () => T): T {
  return current.run(id, work);
}

/** The current request's id, or undefined outside a request (jobs, CLI). */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

/** The message a user sees for an error we did not expect: nothing internal, an id to quote. */
export function internalErrorMessage(): string {
  const id = currentRequestId();
  return id
    ? `Something went wrong on our side. If it keeps happening, quote request id ${id}.`
    : 'Something went wrong on our side.';
}
