/**
 * The API as a typed caller: `api.deals.board({ campaignId })` instead of a path string, with
 * inputs and outputs inferred from the router (as in trpc/trpc's next-prisma-starter
 * post.test.ts). The context is built like an HTTP request's, minus the request: the caller's
 * session cookie or API key is resolved on every call, so revoked sessions and role changes
 * behave as they would over HTTP. Use `trpcCall` only where HTTP itself is the subject
 * (cookies, CSRF, the error body the web client reads).
 */
import { type AnyProcedure, type inferRouterInputs, type inferRouterOutputs, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { authFromApiKey, authFromSessionToken } from '../../server/auth/session.service.ts';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import type { Queue } from '../../server/jobs/queue.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory } from '../../server/trpc/init.ts';
import { type AppRouter, appRouter } from '../../server/trpc/router.ts';
import { type Caller, testSecret } from './app.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

const createCaller = createCallerFactory(appRouter);

/**
 * Every procedure as a function from its input to its output as a client receives it. Murmur
 * has no transformer, so a client gets JSON: dates arrive as ISO strings, and
 * inferRouterOutputs says so. The caller's raw results (Date objects) are therefore passed
 * through JSON, so tests see exactly what the web app sees and the types tell the truth.
 */
export type Api = Decorated<AppRouter['_def']['record'], RouterInputs, RouterOutputs>;

/** Procedures become functions; nested routers (`outreach.inbox.list`) stay objects. */
type Decorated<Record, In, Out> = {
  [K in keyof Record & keyof In & keyof Out]: Record[K] extends AnyProcedure
    ? (input: In[K]) => Promise<Out[K]>
    : Decorated<Record[K], In[K], Out[K]>;
};

function asJson(target: unknown): unknown {
  return new Proxy(() => {}, {
    get: (_, key) => asJson((target as Record<PropertyKey, unknown>)[key]),
    apply: async (_, __, args: unknown[]) => {
      const result = await (target as (...a: unknown[]) => Promise<unknown>)(...args);
      return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    },
  });
}

/** The signed-in user behind `who` (as `userInWorkspace` returns it), calling the API in-process. */
export function callerFor(
  database: Database,
  who: Caller,
  options: { now?: () => Date; queue?: Queue; config?: Config } = {},
): Api {
  const now = options.now ?? (() => new Date());
  const caller = createCaller(async () => {
    const session = who.cookie?.match(/murmur_session=([^;]+)/)?.[1];
    const auth = who.bearer
      ? await authFromApiKey(database.db, testSecret, who.bearer, now())
      : session
        ? await authFromSessionToken(database.db, testSecret, session, now())
        : null;
    return createContextInner({
      db: database.db,
      secret: testSecret,
      auth,
      now,
      queue: options.queue,
      config: options.config,
    });
  });
  return asJson(caller) as Api;
}

/**
 * How a call fails, as a client would see it: the HTTP status the error maps to, its tRPC code
 * and message. Fails the test when the call succeeds.
 */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { status: getHTTPStatusCodeFromError(error), code: error.code, message: error.message };
  }
  throw new Error('Expected the call to fail, and it succeeded.');
}
