import type { Auth } from '../auth/auth.types.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Queue } from '../jobs/queue.ts';

export type { Auth };

/** What a procedure may do to the response cookie; absent outside HTTP (tests, CLI). */
export type CookieJar = {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
};

export type ContextInner = {
  db: Db;
  secret: string;
  auth: Auth | null;
  now: () => Date;
  ip: string;
  cookies?: CookieJar;
  /** Background jobs; procedures that enqueue work require it. */
  queue?: Queue;
  config?: Config;
};

/** Builds a context without a request, so tests and the CLI can call routers directly. */
export function createContextInner(
  options: Partial<ContextInner> & Pick<ContextInner, 'db' | 'secret'>,
): ContextInner {
  return { auth: null, now: () => new Date(), ip: 'local', ...options };
}

export type Context = ContextInner;
