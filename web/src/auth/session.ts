import { createAsync } from '@solidjs/router';
import { type Accessor, createContext, useContext } from 'solid-js';
import { getMe, type Me } from './auth.data.ts';

export { getMe, getSetupStatus, type Me } from './auth.data.ts';

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
