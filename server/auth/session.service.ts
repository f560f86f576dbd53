/** Sessions and API keys: issuing them, and turning a presented token back into who is asking. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiKeys, memberships, roles, sessions, users } from '../db/schema/index.ts';
import type { Auth } from './auth.types.ts';
import { hashToken, newToken } from './tokens.ts';

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export async function createSession(
  db: Db,
  secret: string,
  userId: string,
  workspaceId: string | null,
  now: Date,
) {
  const token = newToken('mms');
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: hashToken(secret, token), userId, workspaceId, expiresAt, createdAt: now })
    .returning({ id: sessions.id });
  return { token, expiresAt, sessionId: row.id };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

export async function authFromSessionToken(
  db: Db,
  secret: string,
  token: string,
  now: Date,
): Promise<Auth | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      workspaceId: sessions.workspaceId,
      user: { id: users.id, email: users.email, name: users.name },
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId)),
    )
    .where(
      and(
        eq(sessions.tokenHash, hashToken(secret, token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  if (!row) return null;
  // A session whose workspace membership was removed acts in no workspace until it switches.
  const role = row.role ?? null;
  return {
    user: row.user,
    workspaceId: role ? row.workspaceId : null,
    role,
    via: 'session',
    sessionId: row.sessionId,
  };
}

export async function authFromApiKey(db: Db, secret: string, token: string, now: Date): Promise<Auth | null> {
  const [row] = await db
    .select({
      apiKeyId: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      keyRole: apiKeys.role,
      memberRole: memberships.role,
      user: { id: users.id, email: users.email, name: users.name },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiKeys.userId), eq(memberships.workspaceId, apiKeys.workspaceId)),
    )
    .where(and(eq(apiKeys.keyHash, hashToken(secret, token)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.apiKeyId));
  // A key never acts above its creator's current role.
  const role = roles[Math.min(roles.indexOf(row.keyRole), roles.indexOf(row.memberRole))];
  return { user: row.user, workspaceId: row.workspaceId, role, via: 'apiKey', apiKeyId: row.apiKeyId };
}
