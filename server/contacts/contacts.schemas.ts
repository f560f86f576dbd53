import { z } from 'zod';
import { platforms } from '../db/schema/index.ts';

const unique = <T>(items: T[]) => [...new Set(items)];

export const socialAccountInput = z.object({
  platform: z.enum(platforms),
  handle: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, ''))
    .pipe(z.string().min(1, 'Enter a handle.').max(200)),
});

const contactBase = {
  name: z.string().trim().min(1, 'Enter a name.').max(200),
  emails: z
    .array(
      z
        .email('Enter valid email addresses.')
        .max(320)
        .transform((e) => e.trim().toLowerCase()),
    )
    .max(20)
    .transform(unique),
  notes: z.string().max(20_000),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).transform(unique),
  socialAccounts: z.array(socialAccountInput).max(50),
  doNotContact: z.boolean(),
};

export const contactFields = z.object({
  ...contactBase,
  emails: contactBase.emails.default([]),
  notes: contactBase.notes.default(''),
  tags: contactBase.tags.default([]),
  socialAccounts: contactBase.socialAccounts.default([]),
  doNotContact: contactBase.doNotContact.default(false),
});

export const listInput = z.object({
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Only the fields sent change: built without defaults, which zod 4 would apply even to omitted keys. */
export const updateInput = z.object(contactBase).partial().extend({ id: z.uuid() });

export type ContactFields = z.infer<typeof contactFields>;
export type ListInput = z.infer<typeof listInput>;
