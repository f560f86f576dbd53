/** "Send a test email": one real message through the mailbox, and exactly what failed if it did. */
import { randomUUID } from 'node:crypto';
import { composeMessage, type SmtpSettings, sendOnce } from '../adapters/mailer.ts';
import type { Db } from '../db/client.ts';
import { dkimSettings, getMailboxRow, smtpSettings } from './mailboxes.service.ts';

export async function sendTestEmail(
  db: Db,
  secret: string,
  workspaceId: string,
  mailboxId: string,
  to: string,
  now: Date,
  tlsOptions?: SmtpSettings['tlsOptions'],
) {
  const mailbox = await getMailboxRow(db, workspaceId, mailboxId);
  const domain = mailbox.fromAddress.split('@')[1] ?? 'murmur.invalid';
  const raw = await composeMessage(
    {
      messageId: `${randomUUID()}@${domain}`,
      from: { name: mailbox.name, address: mailbox.fromAddress },
      to,
      subject: 'Murmur test email',
      html: `<p>This is a test from Murmur: the mailbox “${mailbox.name}” can send.</p>`,
      text: `This is a test from Murmur: the mailbox "${mailbox.name}" can send.`,
      date: now,
    },
    dkimSettings(secret, mailbox),
  );
  const outcome = await sendOnce(
    smtpSettings(secret, mailbox, tlsOptions),
    { from: mailbox.fromAddress, to: [to] },
    raw,
  );
  if (outcome.ok) return { ok: true as const, response: outcome.response };
  return {
    ok: false as const,
    kind: outcome.failure.kind,
    message: outcome.failure.message,
    response: outcome.failure.response ?? null,
  };
}
