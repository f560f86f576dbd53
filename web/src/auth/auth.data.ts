import { action, query, redirect, revalidate } from '@solidjs/router';
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

export const signIn = action(async (form: FormData) => {
  await trpc.auth.signIn.mutate({
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
  });
  await revalidate(getMe.key);
  throw redirect('/contacts');
}, 'signIn');

export const signOut = action(async () => {
  await trpc.auth.signOut.mutate();
  // A full page load drops everything the signed-in user had on screen or in cache.
  window.location.assign('/sign-in');
}, 'signOut');

export const switchWorkspace = action(async (workspaceId: string) => {
  await trpc.workspaces.switch.mutate({ workspaceId });
  // Everything on screen belonged to the other workspace: reload all queries.
  await revalidate();
  throw redirect('/contacts');
}, 'switchWorkspace');

/** First run: creates the first account and workspace, then opens the app. */
export const setup = action(async (form: FormData) => {
  await trpc.auth.setup.mutate({
    name: String(form.get('name') ?? ''),
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
    workspaceName: String(form.get('workspaceName') ?? ''),
  });
  await revalidate([getMe.key, getSetupStatus.key]);
  throw redirect('/contacts');
}, 'setup');
