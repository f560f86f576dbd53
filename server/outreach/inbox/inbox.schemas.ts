import { z } from 'zod';

export const inboxFilters = [
  'to_handle',
  'handled',
  'auto_reply',
  'bounce',
  'unsubscribe',
  'unrelated',
  'all',
] as const;

export const inboxListInput = z.object({
  filter: z.enum(inboxFilters).default('to_handle'),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type InboxListInput = z.output<typeof inboxListInput>;

export const inboundId = z.object({ id: z.uuid('That is not a message id.') });

export const markHandledInput = z.object({ id: z.uuid('That is not a message id.'), handled: z.boolean() });

export const mailboxIdInput = z.object({ mailboxId: z.uuid('That is not a mailbox id.') });

export const repliedStageInput = z.object({ repliedStageId: z.uuid().nullable() });

/** Settings typed in before saving (the password too): "Check the inbox" on an unsaved form. */
export const imapSettingsInput = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'That is not a host name.'),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(['implicit', 'starttls', 'none']),
  user: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
  folder: z.string().min(1).max(200).default('INBOX'),
});

export const checkInput = z.union([mailboxIdInput, imapSettingsInput]);
