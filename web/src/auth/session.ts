import { createAsync, query } from '@solidjs/router';
import { type Accessor, createContext, useContext } from 'solid-js';
import { isUnauthorized, trpc } from '../lib/trpc.ts';

/** The signed-in user and workspace, or null when signed out. */
export const getMe = query(async () => {
  try {
    return await trpc.auth.me.query();
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}, 'me');

export const getSetupStatus = query(() => trpc.auth.setupStatus.query(), 'setupStatus');

export type Me = NonNullable<Awaited<ReturnType<typeof trpc.auth.me.query>>>;

export function canWrite(me: Me | null | undefined): boolean {
  return !!me?.role && me.role !== 'viewer';
}
export function canAdmin(me: Me | null | undefined): boolean {
  return me?.role === 'admin' || me?.role === 'owner';
}

/** The signed-in user as the app shell knows it; pages read it from here rather than querying again. */
export const MeContext = createContext<Accessor<Me | null | undefined>>();

export function useMe(): Accessor<Me | null | undefined> {
  const fromShell = useContext(MeContext);
  if (fromShell) return fromShell;
  const me = createAsync(() => getMe());
  return me;
}
