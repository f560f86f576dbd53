/**
 * Password resets: a random link whose keyed hash is stored, valid for an hour and once. Asking
 * gives the same answer whether or not the address has an account, and sends nothing when it
 * has none. Setting the new password ends every session of the account.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { memberships, passwordResets, sessions, users } from '../db/schema/index.ts';
import { systemMailer } from '../outreach/system-mail.ts';
import { AuthError } from './auth.errors.ts';
import { hashPassword } from './password.ts';
import { hashToken } from './tokens.ts';

export const resetLifetimeMs = 60 * 60 * 1000;
/** Links per account per hour: the form is public, so it must not become a way to flood an inbox. */
export const resetsPerHour = 3;

export type ResetDeps = { db: Db; secret: string; config?: Config; baseUrl: string };

/**
 * Writes a reset link and e-mails it. 'skipped' when there is nothing to send (no such account,
 * three links this hour already, no mailer); 'failed' when the mail did not go out, its link then
 * removed so it neither works nor counts. Never shown to the asker.
 */
export async function requestPasswordReset(
  deps: ResetDeps,
  email: string,
  now: Date,
): Promise<'sent' | 'skipped' | 'failed'> {
  const [user] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return 'skipped';
  const [recent] = await deps.db
    .select({ n: count() })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.userId, user.id),
        gt(passwordResets.createdAt, new Date(now.getTime() - resetLifetimeMs)),
      ),
    );
  if ((recent?.n ?? 0) >= resetsPerHour) return 'skipped';
  const [membership] = await deps.db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .limit(1);
  const mailer = await systemMailer(deps.db, deps.secret, deps.config, membership?.workspaceId ?? null);
  if (!mailer) return 'skipped';
  const token = `mmr_${randomBytes(32).toString('base64url')}`;
  const tokenHash = hashToken(deps.secret, token);
  await deps.db.insert(passwordResets).values({
    userId: user.id,
    tokenHash,
    createdAt: now,
    expiresAt: new Date(now.getTime() + resetLifetimeMs),
  });
  const link = `${deps.baseUrl}/reset/${token}`;
  const outcome = await mailer.send(
    {
      to: email,
      subject: 'Reset your Murmur password',
      text: `Someone asked to reset the password of your Murmur account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.`,
    },
    now,
  );
  if (outcome.ok) return 'sent';
  await deps.db.delete(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  return 'failed';
}

/** Sets the new password through a valid link, uses the link up and ends every session. */
export async function resetPassword(
  deps: Pick<ResetDeps, 'db' | 'secret'>,
  token: string,
  password: string,
  now: Date,
) {
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(deps.secret, token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!used)
      throw new AuthError(
        'reset_link_invalid',
        'This reset link has expired or was already used. Ask for a new one.',
      );
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, used.userId), isNull(sessions.revokedAt)));
  });
  return { ok: true as const };
}
