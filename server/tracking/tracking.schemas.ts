import { z } from 'zod';
import { httpUrl } from '../lib/http-url.ts';

export const trackInput = z.object({
  dealId: z.uuid('That is not a deal id.'),
  url: z.string().trim().min(1, 'Paste the post’s address.').max(500),
});
export const byId = z.object({ id: z.uuid('That is not a tracked post id.') });
export const dealInput = z.object({ dealId: z.uuid('That is not a deal id.') });
export const campaignInput = z.object({ campaignId: z.uuid('That is not a campaign id.') });
const term = z.string().trim().min(1).max(200);
export const termsInput = z.object({
  campaignId: z.uuid('That is not a campaign id.'),
  hashtags: z.array(term.transform((t) => t.replace(/^#/, ''))).max(50),
  links: z.array(term).max(50),
  keywords: z.array(term).max(50),
  followBudget: z.number().int().min(0).max(100_000),
});
export const settingsInput = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code.')
    .optional(),
  cpmBlueskyMinor: z.number().int().min(0).max(10_000_000).optional(),
  cpmMastodonMinor: z.number().int().min(0).max(10_000_000).optional(),
  impressionsPerReach: z.number().min(0).max(100).optional(),
  bluesky: z
    .object({
      identifier: z.string().trim().min(1).max(253),
      appPassword: z.string().min(1).max(200),
      serviceUrl: httpUrl('Enter the server address, starting with https://.').nullable().optional(),
    })
    .nullable()
    .optional(),
});
