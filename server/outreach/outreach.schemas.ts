/** Inputs of the outreach API, validated once here. */
import { z } from 'zod';

export const idInput = z.object({ id: z.uuid() });

const email = z.email().max(320);
const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);
const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Not a time zone (use an IANA name like Europe/Berlin).');

export const sendWindowInput = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
  })
  .refine((w) => w.endMinute > w.startMinute, 'The window must end after it starts.');

export const mailboxInput = z.object({
  name: z.string().trim().min(1).max(200),
  fromAddress: email,
  smtpHost: host,
  smtpPort: port,
  smtpTls: z.enum(['implicit', 'starttls', 'none']),
  smtpUser: z.string().max(320).default(''),
  smtpPassword: z.string().max(1000).optional(),
  imapHost: host.nullish(),
  imapPort: port.nullish(),
  imapTls: z.boolean().optional(),
  imapUser: z.string().max(320).nullish(),
  imapPassword: z.string().max(1000).optional(),
  imapFolder: z.string().min(1).max(200).optional(),
  dkimDomain: z.string().max(253).nullish(),
  dkimSelector: z.string().max(63).nullish(),
  dkimPrivateKey: z.string().max(10_000).optional(),
  dailyCap: z.number().int().min(1).max(100_000).nullish(),
  hourlyCap: z.number().int().min(1).max(100_000).nullish(),
  rampStart: z.number().int().min(1).max(100_000).optional(),
  rampPerDay: z.number().int().min(0).max(100_000).optional(),
  spacingMinutes: z.number().int().min(0).max(1440).optional(),
  jitterMinutes: z.number().int().min(0).max(1440).optional(),
  sendWindow: sendWindowInput.nullish(),
  timeZone: zone.nullish(),
  enabled: z.boolean().optional(),
});

export const templateInput = z.object({
  name: z.string().trim().min(1).max(200),
  subject: z.string().trim().min(1).max(500),
  bodyHtml: z.string().min(1).max(100_000),
});

export const previewInput = z.object({
  subject: z.string().max(500),
  bodyHtml: z.string().max(100_000),
  contactId: z.uuid(),
  dealId: z.uuid().nullish(),
});

export const composeInput = z.object({
  contactId: z.uuid(),
  dealId: z.uuid().nullish(),
  subject: z.string().trim().min(1).max(500),
  bodyHtml: z.string().min(1).max(100_000),
  mailboxId: z.uuid().nullish(),
  sendAt: z.coerce.date().nullish(),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

export const sequenceInput = z.object({
  name: z.string().trim().min(1).max(200),
  campaignId: z.uuid().nullish(),
  status: z.enum(['active', 'paused', 'archived']).optional(),
  steps: z
    .array(z.object({ delayDays: z.number().int().min(0).max(365), templateId: z.uuid() }))
    .min(1)
    .max(10),
});

export const enrolInput = z.object({ sequenceId: z.uuid(), dealIds: z.array(z.uuid()).min(1).max(1000) });

export const identityInput = z.object({
  mailboxId: z.uuid(),
  fromName: z.string().trim().min(1).max(200),
  signatureHtml: z.string().max(10_000).default(''),
});

export const settingsInput = z.object({ timeZone: zone });
export const testEmailInput = z.object({ id: z.uuid(), to: email });
export const suppressionInput = z.object({ address: email, reason: z.enum(['manual']).default('manual') });
export const messageFilter = z
  .object({
    status: z.enum(['sent', 'failed', 'cancelled']).optional(),
    contactId: z.uuid().optional(),
    dealId: z.uuid().optional(),
  })
  .prefault({});
