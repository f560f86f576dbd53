/** Reads and writes of the Outreach page and Settings → Email, over `outreach.*`. */
import { action, query, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export const getMailboxes = query(() => trpc.outreach.mailboxes.query(), 'mailboxes');
export const getIdentity = query(() => trpc.outreach.identity.query(), 'senderIdentity');
export const getOutreachSettings = query(() => trpc.outreach.settings.query(), 'outreachSettings');
export const getTemplates = query(() => trpc.outreach.templates.query(), 'templates');
export const getMergeFields = query(() => trpc.outreach.mergeFields.query(), 'mergeFields');
export const getSequences = query(() => trpc.outreach.sequences.query(), 'sequences');
export const getSequenceStats = query(
  (id: string) => trpc.outreach.sequenceStats.query({ id }),
  'sequenceStats',
);
export const getOutbox = query(() => trpc.outreach.outbox.query({}), 'outbox');
export const getSent = query(() => trpc.outreach.sent.query({}), 'sentLog');
export const getQueueStatus = query(() => trpc.outreach.status.query(), 'queueStatus');

export type Mailbox = Awaited<ReturnType<typeof trpc.outreach.mailboxes.query>>[number];
export type Template = Awaited<ReturnType<typeof trpc.outreach.templates.query>>[number];
export type Sequence = Awaited<ReturnType<typeof trpc.outreach.sequences.query>>[number];
export type MailboxInput = Parameters<typeof trpc.outreach.createMailbox.mutate>[0];
export type EnrolRow = Awaited<ReturnType<typeof trpc.outreach.previewEnrol.query>>[number];

const queueKeys = () => [getOutbox.key, getSent.key, getQueueStatus.key, getSequenceStats.key];

export const saveMailbox = action(async (id: string | null, input: MailboxInput) => {
  const saved = id
    ? await trpc.outreach.updateMailbox.mutate({ ...input, id })
    : await trpc.outreach.createMailbox.mutate(input);
  await revalidate([getMailboxes.key, getQueueStatus.key]);
  return saved;
}, 'saveMailbox');

export const removeMailbox = action(async (id: string) => {
  await trpc.outreach.removeMailbox.mutate({ id });
  await revalidate([getMailboxes.key, getIdentity.key]);
}, 'removeMailbox');

/**
 * Sends one test email. A plain call, not a router action: an action reloads every query on the
 * page when it ends, which re-created the mailbox list and wiped the result before anyone read it.
 */
export const testMailbox = (id: string, to: string) => trpc.outreach.testMailbox.mutate({ id, to });

export const saveIdentity = action(
  async (input: { mailboxId: string; fromName: string; signatureHtml: string }) => {
    await trpc.outreach.setIdentity.mutate(input);
    await revalidate(getIdentity.key);
    // A result keeps the submission (an action returning nothing is cleared), so "Saved." shows.
    return { saved: true as const };
  },
  'saveIdentity',
);

export const saveTimeZone = action(async (timeZone: string) => {
  await trpc.outreach.updateSettings.mutate({ timeZone });
  await revalidate([getOutreachSettings.key, getQueueStatus.key]);
}, 'saveTimeZone');

export const saveTemplate = action(
  async (id: string | null, input: { name: string; subject: string; bodyHtml: string }) => {
    const saved = id
      ? await trpc.outreach.updateTemplate.mutate({ ...input, id })
      : await trpc.outreach.createTemplate.mutate(input);
    await revalidate(getTemplates.key);
    return saved;
  },
  'saveTemplate',
);

export const removeTemplate = action(async (id: string) => {
  await trpc.outreach.removeTemplate.mutate({ id });
  await revalidate(getTemplates.key);
}, 'removeTemplate');

export const sendEmail = action(async (input: Parameters<typeof trpc.outreach.compose.mutate>[0]) => {
  const queued = await trpc.outreach.compose.mutate(input);
  await revalidate(queueKeys());
  return queued;
}, 'sendEmail');

export const saveSequence = action(
  async (input: Parameters<typeof trpc.outreach.createSequence.mutate>[0]) => {
    const saved = await trpc.outreach.createSequence.mutate(input);
    await revalidate(getSequences.key);
    return saved;
  },
  'saveSequence',
);

export const enrolDeals = action(async (sequenceId: string, dealIds: string[]) => {
  const result = await trpc.outreach.enrol.mutate({ sequenceId, dealIds });
  await revalidate(queueKeys());
  return result;
}, 'enrolDeals');

export const cancelMessage = action(async (id: string) => {
  await trpc.outreach.cancel.mutate({ id });
  await revalidate(queueKeys());
}, 'cancelMessage');

export const waitText: Record<string, string> = {
  delay: 'step delay',
  window: 'outside the send window',
  cap_day: 'daily cap reached',
  cap_hour: 'hourly cap reached',
  spacing: 'spacing between sends',
  retry: 'retrying after a temporary failure',
};
