import { action, query, redirect, revalidate } from '@solidjs/router';
import { getMe } from '../auth/session.ts';
import { trpc } from '../lib/trpc.ts';

export const roleOptions = ['viewer', 'member', 'admin', 'owner'] as const;
export type RoleOption = (typeof roleOptions)[number];

export const getMembers = query(() => trpc.workspaces.members.query(), 'members');
export const getInvitations = query(() => trpc.workspaces.invitations.query(), 'invitations');
export const getApiKeys = query(() => trpc.apiKeys.list.query(), 'apiKeys');

export type Invitation = Awaited<ReturnType<typeof trpc.workspaces.invite.mutate>>;

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** Returns the invitation with its link, which the page shows once for the admin to copy. */
export const inviteMember = action(async (form: FormData) => {
  const invitation = await trpc.workspaces.invite.mutate({
    email: text(form, 'email'),
    role: text(form, 'role') as RoleOption,
  });
  await revalidate(getInvitations.key);
  return invitation;
}, 'inviteMember');

export const revokeInvitation = action(async (id: string) => {
  await trpc.workspaces.revokeInvitation.mutate({ id });
  await revalidate(getInvitations.key);
}, 'revokeInvitation');

export const updateMember = action(async (userId: string, role: RoleOption) => {
  try {
    await trpc.workspaces.updateMember.mutate({ userId, role });
  } finally {
    // On failure too: the select must show the role the server kept.
    await revalidate(getMembers.key);
  }
}, 'updateMember');

export const removeMember = action(async (userId: string) => {
  await trpc.workspaces.removeMember.mutate({ userId });
  await revalidate([getMembers.key, getApiKeys.key]);
}, 'removeMember');

/** Returns the key's secret, shown once. */
export const createApiKey = action(async (form: FormData) => {
  const key = await trpc.apiKeys.create.mutate({
    name: text(form, 'name'),
    role: text(form, 'role') as Exclude<RoleOption, 'owner'>,
  });
  await revalidate(getApiKeys.key);
  return key;
}, 'createApiKey');

export const revokeApiKey = action(async (id: string) => {
  await trpc.apiKeys.remove.mutate({ id });
  await revalidate(getApiKeys.key);
}, 'revokeApiKey');

export const changePassword = action(async (form: FormData) => {
  await trpc.auth.changePassword.mutate({
    currentPassword: text(form, 'currentPassword'),
    newPassword: text(form, 'newPassword'),
  });
  return { changed: true as const };
}, 'changePassword');

/** A full page load afterwards, like sign-out: nothing signed-in may linger in memory. */
export const signOutEverywhere = action(async () => {
  await trpc.auth.signOutEverywhere.mutate();
  window.location.assign('/sign-in');
}, 'signOutEverywhere');

export const createWorkspace = action(async (form: FormData) => {
  await trpc.workspaces.create.mutate({ name: text(form, 'name') });
  await revalidate(getMe.key);
  throw redirect('/contacts');
}, 'createWorkspace');

export const getInvitationByToken = query(
  (token: string) => trpc.auth.invitation.query({ token }),
  'invitationByToken',
);

/**
 * Joins through an invitation link. The session now belongs to whoever joined, so the app
 * starts afresh in the new workspace with a full page load.
 */
export const acceptInvitation = action(async (token: string, form: FormData) => {
  await trpc.auth.acceptInvitation.mutate({
    token,
    name: text(form, 'name'),
    // Absent when the signed-in person joins with the button alone.
    password: text(form, 'password') || undefined,
  });
  window.location.assign('/contacts');
}, 'acceptInvitation');

export const auditEntities = [
  'contact',
  'deal',
  'campaign',
  'stage',
  'member',
  'invitation',
  'api_key',
] as const;
type Entity = (typeof auditEntities)[number];

/** One page of the audit log, optionally of one kind of entity. */
export const getAudit = query(
  (entityType: string, cursor: string | undefined) =>
    trpc.audit.list.query({ entityType: (entityType || undefined) as Entity | undefined, cursor, limit: 50 }),
  'audit',
);
