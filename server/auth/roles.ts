/**
 * Who may do what, for every entry point (tRPC procedures and the plain HTTP file routes):
 * roles are ordered, and a route asks for the least role it needs.
 */
import { type Role, roles } from '../db/schema/index.ts';
import { AuthError } from './auth.errors.ts';
import type { Auth } from './auth.types.ts';

/** The caller's workspace and role, if they have at least `min` there; throws an `AuthError` otherwise. */
export function requireRole(auth: Auth | null, min: Role) {
  if (!auth) throw new AuthError('sign_in_required', 'Sign in first.');
  const { workspaceId, role } = auth;
  if (!workspaceId || !role) throw new AuthError('no_workspace', 'Choose a workspace first.');
  if (roles.indexOf(role) < roles.indexOf(min)) {
    throw new AuthError('role_too_low', `This needs the ${min} role; you are a ${role}.`);
  }
  return { workspaceId, role, userId: auth.user.id };
}
