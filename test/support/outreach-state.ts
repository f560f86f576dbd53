/**
 * What the sending side leaves behind after a sequence's first step went out: a two-step sequence, one enrolment per
 * deal, step 1 sent (with its Message-ID) and step 2 scheduled. Written straight to the tables
 * because the inbox tests are about what happens after; the sending path has its own tests.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';
import {
  emailTemplates,
  enrolments,
  outreachMessages,
  sequenceSteps,
  sequences,
} from '../../server/db/schema/index.ts';
import type { Api } from './caller.ts';

export type Recipient = { dealId: string | null; contactId: string; to: string };
export type SentThread = Recipient & {
  enrolmentId: string;
  firstMessageId: string;
  nextMessageRowId: string;
};

/** A mailbox as an admin adds it in Settings → Email: loopback SMTP, IMAP on the test dovecot. */
export async function addMailbox(
  api: Api,
  input: {
    name: string;
    imap: { host: string; port: number; user: string; password: string };
    folder?: string;
  },
) {
  const created = await api.outreach.createMailbox({
    name: input.name,
    fromAddress: `${input.imap.user}@agency.test`,
    smtpHost: '127.0.0.1',
    smtpPort: 2525,
    smtpTls: 'none',
    imapHost: input.imap.host,
    imapPort: input.imap.port,
    imapTls: false,
    imapUser: input.imap.user,
    imapPassword: input.imap.password,
    imapFolder: input.folder ?? 'INBOX',
  });
  return created.id;
}

export async function seedSentSequence(
  db: Db,
  input: { workspaceId: string; mailboxId: string; subject: string; recipients: Recipient[]; sentAt: Date },
): Promise<SentThread[]> {
  const { workspaceId, mailboxId } = input;
  const [template] = await db
    .insert(emailTemplates)
    .values({
      workspaceId,
      name: `Intro ${randomUUID()}`,
      subject: input.subject,
      bodyHtml: '<p>Hi {{first_name}}</p>',
    })
    .returning({ id: emailTemplates.id });
  const [sequence] = await db
    .insert(sequences)
    .values({ workspaceId, name: `Launch ${randomUUID()}` })
    .returning({ id: sequences.id });
  const steps = await db
    .insert(sequenceSteps)
    .values(
      [0, 3].map((delayDays, i) => ({
        workspaceId,
        sequenceId: sequence.id,
        position: i + 1,
        delayDays,
        templateId: template.id,
      })),
    )
    .returning({ id: sequenceSteps.id });
  const threads: SentThread[] = [];
  for (const r of input.recipients) {
    const threadId = randomUUID();
    const [enrolment] = await db
      .insert(enrolments)
      .values({
        workspaceId,
        sequenceId: sequence.id,
        dealId: r.dealId,
        contactId: r.contactId,
        mailboxId,
        toAddress: r.to,
        threadId,
      })
      .returning({ id: enrolments.id });
    const firstMessageId = `${randomUUID()}@agency.test`;
    const message = (step: number) => ({
      workspaceId,
      idempotencyKey: `${enrolment.id}:${step}`,
      mailboxId,
      contactId: r.contactId,
      dealId: r.dealId,
      enrolmentId: enrolment.id,
      stepId: steps[step].id,
      stepPosition: step + 1,
      threadId,
      fromName: 'Mia',
      fromAddress: 'outreach@agency.test',
      toAddress: r.to,
      bodyHtml: '<p>Hi</p>',
      bodyText: 'Hi',
    });
    await db.insert(outreachMessages).values({
      ...message(0),
      messageId: firstMessageId,
      subject: input.subject,
      status: 'sent',
      notBefore: input.sentAt,
      sendAt: input.sentAt,
      sentAt: input.sentAt,
    });
    const later = new Date(input.sentAt.getTime() + 3 * 86_400_000);
    const [next] = await db
      .insert(outreachMessages)
      .values({
        ...message(1),
        messageId: `${randomUUID()}@agency.test`,
        inReplyTo: firstMessageId,
        references: [firstMessageId],
        subject: `Re: ${input.subject}`,
        status: 'scheduled',
        notBefore: later,
        sendAt: later,
      })
      .returning({ id: outreachMessages.id });
    threads.push({ ...r, enrolmentId: enrolment.id, firstMessageId, nextMessageRowId: next.id });
  }
  return threads;
}
