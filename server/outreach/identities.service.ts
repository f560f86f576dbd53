/** Each user's sender identity: from name, an address of an allowed mailbox, a signature. */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { mailboxes, senderIdentities } from '../db/schema/index.ts';
import { getMailboxRow } from './mailboxes.service.ts';
import { OutreachError } from './outreach.errors.ts';

export async function senderIdentityOf(db: Db | Tx, workspaceId: string, userId: string) {
  const [row] = await db
    .select({
      id: senderIdentities.id,
      mailboxId: senderIdentities.mailboxId,
      fromName: senderIdentities.fromName,
      signatureHtml: senderIdentities.signatureHtml,
      fromAddress: mailboxes.fromAddress,
    })
    .from(senderIdentities)
    .innerJoin(mailboxes, eq(mailboxes.id, senderIdentities.mailboxId))
    .where(and(eq(senderIdentities.workspaceId, workspaceId), eq(senderIdentities.userId, userId)));
  return row ?? null;
}

export async function requireSenderIdentity(db: Db | Tx, workspaceId: string, userId: string) {
  const identity = await senderIdentityOf(db, workspaceId, userId);
  if (!identity)
    throw new OutreachError(
      'no_sender_identity',
      'Set your sender identity first (Settings → Email): your from name and mailbox.',
    );
  return identity;
}

export async function setSenderIdentity(
  db: Db,
  workspaceId: string,
  userId: string,
  input: { mailboxId: string; fromName: string; signatureHtml: string },
  now: Date,
) {
  await getMailboxRow(db, workspaceId, input.mailboxId);
  await db
    .insert(senderIdentities)
    .values({ ...input, workspaceId, userId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [senderIdentities.workspaceId, senderIdentities.userId],
      set: { ...input, updatedAt: now },
    });
  return senderIdentityOf(db, workspaceId, userId);
}
