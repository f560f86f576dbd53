/**
 * `outreach.inbox.*` as a typed caller, built like `callerFor` (test/support/caller.ts) over the
 * inbox router alone, with results passed through JSON as a client gets them. Until the
 * outreach router mounts the inbox in the app router, this is how tests reach it.
 */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { authFromApiKey, authFromSessionToken } from '../../server/auth/session.service.ts';
import type { Database } from '../../server/db/client.ts';
import { inboxRouter } from '../../server/outreach/inbox/inbox.router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory } from '../../server/trpc/init.ts';
import { type Caller, testSecret } from './app.ts';

type Inputs = inferRouterInputs<typeof inboxRouter>;
type Outputs = inferRouterOutputs<typeof inboxRouter>;
export type InboxApi = { [P in keyof Inputs]: (input: Inputs[P]) => Promise<Outputs[P]> };

const createCaller = createCallerFactory(inboxRouter);

export function inboxCallerFor(
  database: Database,
  who: Caller,
  now: () => Date = () => new Date(),
): InboxApi {
  const caller = createCaller(async () => {
    const session = who.cookie?.match(/murmur_session=([^;]+)/)?.[1];
    const auth = who.bearer
      ? await authFromApiKey(database.db, testSecret, who.bearer, now())
      : session
        ? await authFromSessionToken(database.db, testSecret, session, now())
        : null;
    return createContextInner({ db: database.db, secret: testSecret, auth, now });
  });
  return new Proxy({} as InboxApi, {
    get: (_, key) => async (input: unknown) => {
      const result = await (caller as unknown as Record<string, (i: unknown) => Promise<unknown>>)[
        key as string
      ](input);
      return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    },
  });
}
