/**
 * Invitations: the only way into a workspace besides creating one. An admin gets a link to
 * hand over; whoever opens it sets their own password (new account) or proves the existing
 * one. Nothing here ever writes the password of an account that already exists, and the
 * inviter's answer is the same whether or not the email has an account.
 */
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.service.ts';
import { checkPassword } from '../auth/credentials.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import {
  type Invitation,
  invitations,
  memberships,
  type Role,
  users,
  workspaces,
} from '../db/schema/index.ts';
import { systemMailer } from '../outreach/system-mail.ts';
import { InvitationError, type InvitationStatus, WorkspaceError } from './workspaces.errors.ts';
import { findUserByEmail, membershipOf } from './workspaces.service.ts';

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export type { InvitationStatus };

export function statusOf(invitation: Pick<Invitation, 'revokedAt' | 'acceptedAt' | 'expiresAt'>, now: Date) {
  if (invitation.revokedAt) return 'revoked' as const;
  if (invitation.acceptedAt) return 'used' as const;
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired' as const;
  return 'pending' as const;
}

export async function createInvitation(
  db: Db,
  secret: string,
  input: { workspaceId: string; invitedBy: string; email: string; role: Role; now: Date },
  /** When given and a system mailer is available, the link is e-mailed to the invitee. */
  mail?: { config?: Config; baseUrl: string },
) {
  const token = newToken('mmi');
  const expiresAt = new Date(input.now.getTime() + invitationLifetimeMs);
  const row = await db.transaction(async (tx) => {
    // Tells only what the members list already shows the admin: who is in this workspace.
    const user = await findUserByEmail(tx, input.email);
    if (user && (await membershipOf(tx, user.id, input.workspaceId)))
      throw new WorkspaceError('already_member', `${input.email} is already a member.`);
    // A fresh invitation replaces any earlier link for the same person.
    await tx
      .update(invitations)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(invitations.workspaceId, input.workspaceId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({
        workspaceId: input.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(secret, token),
        invitedBy: input.invitedBy,
        createdAt: input.now,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actorId: input.invitedBy,
      entityType: 'invitation',
      entityId: created.id,
      action: 'created',
      changes: { email: input.email, role: input.role },
      at: input.now,
    });
    return created;
  });
  const url = `/invite/${token}`;
  const emailedTo = mail
    ? await emailInvitation(db, secret, input, `${mail.baseUrl}${url}`, mail.config)
    : null;
  return { id: row.id, email: input.email, role: input.role, expiresAt, token, url, emailedTo };
}

/** Sends the link after the invitation is stored; a failed send leaves the link to copy. */
async function emailInvitation(
  db: Db,
  secret: string,
  input: { workspaceId: string; invitedBy: string; email: string; role: Role; now: Date },
  link: string,
  config: Config | undefined,
): Promise<string | null> {
  const mailer = await systemMailer(db, secret, config, input.workspaceId);
  if (!mailer) return null;
  const [about] = await db
    .select({ workspace: workspaces.name, inviter: users.name })
    .from(workspaces)
    .innerJoin(users, eq(users.id, input.invitedBy))
    .where(eq(workspaces.id, input.workspaceId));
  const outcome = await mailer.send(
    {
      to: input.email,
      subject: `${about?.inviter ?? 'Someone'} invited you to ${about?.workspace ?? 'a workspace'} on Murmur`,
      text: `${about?.inviter ?? 'Someone'} invited you to join ${about?.workspace ?? 'their workspace'} on Murmur as ${input.role}.\n\nJoin here (the link works once, for 7 days):\n${link}`,
    },
    input.now,
  );
  return outcome.ok ? input.email : null;
}

/** Links not yet used or revoked, expired ones included so the admin sees why someone could not join. */
export async function listOpenInvitations(db: Db, workspaceId: string, now: Date) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      invitedByName: users.name,
      invitedByEmail: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.map(({ acceptedAt: _a, revokedAt: _r, ...rest }) => ({
    ...rest,
    status: statusOf({ acceptedAt: _a, revokedAt: _r, expiresAt: rest.expiresAt }, now),
  }));
}

export async function revokeInvitation(db: Db, workspaceId: string, id: string, now: Date) {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.id, id),
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (revoked.length === 0) throw new InvitationError('invitation_unknown', 'No such open invitation.');
}

export async function invitationByToken(db: Db, secret: string, token: string) {
  const [row] = await db
    .select({ invitation: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(secret, token)));
  if (!row)
    throw new InvitationError('invitation_unknown', 'This invitation link is not valid. Ask for a new one.');
  return row;
}

const refusals: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  expired: 'This invitation has expired. Ask whoever invited you for a new link.',
  used: 'This invitation has already been used. Sign in instead, or ask for a new link.',
  revoked: 'This invitation was revoked. Ask whoever invited you for a new link.',
};

function assertPending(invitation: Invitation, now: Date) {
  const status = statusOf(invitation, now);
  if (status !== 'pending') throw new InvitationError(`invitation_${status}`, refusals[status]);
}

/**
 * Joins the invited person to the workspace. An existing account must prove its password (or
 * already be the signed-in user); a new one is created with the password chosen here.
 */
export async function acceptInvitation(
  db: Db,
  secret: string,
  input: { token: string; password?: string; name: string; signedInUserId?: string; ip: string; now: Date },
) {
  const { invitation } = await invitationByToken(db, secret, input.token);
  assertPending(invitation, input.now);
  const existing = await findUserByEmail(db, invitation.email);
  let userId: string | undefined;
  let passwordHash: string | undefined;
  if (existing && existing.id === input.signedInUserId) userId = existing.id;
  else if (existing || !input.password) {
    userId = await checkPassword(db, {
      email: invitation.email,
      password: input.password ?? '',
      ip: input.ip,
      now: input.now,
    });
  } else passwordHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: input.now })
      .where(
        and(
          eq(invitations.id, invitation.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, input.now),
        ),
      )
      .returning({ id: invitations.id });
    if (!claimed) assertPending({ ...invitation, acceptedAt: input.now }, input.now);
    if (!userId && passwordHash) {
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.name, passwordHash })
        .returning({ id: users.id });
      userId = created.id;
    }
    if (!userId) throw new Error('acceptInvitation: no user to join');
    await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedBy: userId }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, {
      workspaceId: invitation.workspaceId,
      actorId: userId,
      entityType: 'member',
      entityId: userId,
      action: 'joined',
      changes: { email: invitation.email, role: invitation.role },
      at: input.now,
    });
    return { userId, workspaceId: invitation.workspaceId };
  });
}
