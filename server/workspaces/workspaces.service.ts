import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiKeys, memberships, type Role, roles, sessions, users, workspaces } from '../db/schema/index.ts';
import { WorkspaceError } from './workspaces.errors.ts';

export async function listWorkspacesOf(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
}

export async function membershipOf(db: Db, userId: string, workspaceId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return row ?? null;
}

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
}

/** Only an owner may hand out or take away the owner role, and nobody grants above their own role. */
export function assertMayGrant(actor: Role, granted: Role) {
  if (roles.indexOf(granted) > roles.indexOf(actor) || (granted === 'owner' && actor !== 'owner')) {
    throw new WorkspaceError('owner_only', `Only an owner can grant the ${granted} role.`);
  }
}

/** Refuses a change that would leave the workspace without an owner. Call inside the changing transaction. */
export async function assertOwnerRemains(db: Db, workspaceId: string, leavingUserId: string) {
  const [target] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, leavingUserId)))
    .for('update');
  if (!target) throw new WorkspaceError('not_member', 'That person is not a member of this workspace.');
  if (target.role !== 'owner') return;
  const [owners] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  if (owners.n <= 1) throw new WorkspaceError('last_owner', 'A workspace needs at least one owner.');
}

/** Never selects the password hash, so it cannot end up in an answer or a log by accident. */
export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user ?? null;
}

/**
 * Takes someone out of a workspace with everything that acted for them there: their API keys
 * are revoked and their sessions leave it, so inviting them back later revives neither.
 */
export async function removeMembership(db: Db, workspaceId: string, userId: string, now: Date) {
  await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  await db
    .update(sessions)
    .set({ workspaceId: null })
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId)));
}
