/**
 * Mail Murmur sends on its own behalf (invitations, password resets). The server's SMTP_URL when
 * set; otherwise the workspace's first mailbox that can send; otherwise null, and the caller
 * shows the link to copy instead. The SMTP password never leaves this module in a message.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { composeMessage, type SmtpSettings, sendOnce } from '../adapters/mailer.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { type Mailbox, mailboxes } from '../db/schema/index.ts';
import { dkimSettings, smtpSettings } from './mailboxes.service.ts';

export type SystemMessage = { to: string; subject: string; text: string; html?: string };
export type SystemMailer = {
  /** Where it goes out, for the UI: "server" (SMTP_URL) or the mailbox's name. */
  via: string;
  send(message: SystemMessage, now: Date): Promise<{ ok: true } | { ok: false; message: string }>;
};

type FromUrl = { smtp: SmtpSettings; from: { name: string; address: string } };

/** SMTP settings from an smtp:// or smtps:// URL; the error names no credential. */
export function smtpFromUrl(value: string): FromUrl {
  const url = new URL(value);
  const implicit = url.protocol === 'smtps:';
  const tls = implicit ? 'implicit' : url.searchParams.get('tls') === 'none' ? 'none' : 'starttls';
  const user = decodeURIComponent(url.username);
  const fromParam = url.searchParams.get('from');
  const address = fromParam ?? (user.includes('@') ? user : `murmur@${url.hostname || 'localhost'}`);
  return {
    smtp: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : implicit ? 465 : 587,
      tls,
      user,
      password: url.password ? decodeURIComponent(url.password) : null,
    },
    from: { name: 'Murmur', address },
  };
}

function mailerFor(
  via: string,
  smtp: SmtpSettings,
  from: { name: string; address: string },
  dkim: ReturnType<typeof dkimSettings>,
): SystemMailer {
  return {
    via,
    async send(message, now) {
      const domain = from.address.split('@')[1] ?? 'murmur.invalid';
      const raw = await composeMessage(
        {
          messageId: `${randomUUID()}@${domain}`,
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? `<p>${escapeHtml(message.text).replace(/\n/g, '<br>')}</p>`,
          date: now,
        },
        dkim,
      );
      const outcome = await sendOnce(smtp, { from: from.address, to: [message.to] }, raw);
      return outcome.ok ? { ok: true } : { ok: false, message: outcome.failure.message };
    },
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The mailer for system mail about `workspaceId` (or about no workspace), or null when none can send. */
export async function systemMailer(
  db: Db,
  secret: string,
  config: Pick<Config, 'smtpUrl'> | undefined,
  workspaceId: string | null,
): Promise<SystemMailer | null> {
  if (config?.smtpUrl) {
    const parsed = smtpFromUrl(config.smtpUrl);
    return mailerFor('server', parsed.smtp, parsed.from, null);
  }
  if (!workspaceId) return null;
  const [box] = (await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.enabled, true)))
    .orderBy(asc(mailboxes.createdAt))
    .limit(1)) as Mailbox[];
  if (!box) return null;
  return mailerFor(
    box.name,
    smtpSettings(secret, box),
    { name: box.name, address: box.fromAddress },
    dkimSettings(secret, box),
  );
}
