import { z } from 'zod';
import { campaignStatuses } from '../db/schema/index.ts';

export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR.');
const day = z.iso.date('Use a date like 2026-03-31.');
const money = z.number().int('Amounts are whole cents.').min(0).max(1e13);

const base = {
  name: z.string().trim().min(1, 'Enter a campaign name.').max(200),
  client: z.string().trim().max(200),
  brief: z.string().max(50_000),
  niches: z
    .array(z.string().trim().min(1).max(100))
    .max(50)
    .transform((items) => [...new Set(items)]),
  budgetMinor: money,
  currency,
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  goalReach: z.number().int().min(0).max(1e12).nullable(),
  goalPosts: z.number().int().min(0).max(100_000).nullable(),
  goalEmvMinor: money.nullable(),
  status: z.enum(campaignStatuses),
  ownerId: z.uuid().nullable(),
};

const datesInOrder = (c: { startsOn?: string | null; endsOn?: string | null }) =>
  !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;
const datesMessage = { message: 'The end date comes before the start date.', path: ['endsOn'] };

export const campaignInput = z
  .object({
    ...base,
    client: base.client.default(''),
    brief: base.brief.default(''),
    niches: base.niches.default([]),
    budgetMinor: base.budgetMinor.default(0),
    currency: base.currency.default('EUR'),
    startsOn: base.startsOn.default(null),
    endsOn: base.endsOn.default(null),
    goalReach: base.goalReach.default(null),
    goalPosts: base.goalPosts.default(null),
    goalEmvMinor: base.goalEmvMinor.default(null),
    status: base.status.default('planning'),
    ownerId: base.ownerId.default(null),
  })
  .refine(datesInOrder, datesMessage);

/** Only the fields sent change; `version` is the one the editor started from. */
export const campaignUpdateInput = z
  .object({ id: z.uuid('That is not a campaign id.'), version: z.number().int().min(1) })
  .extend(z.object(base).partial().shape)
  .refine(datesInOrder, datesMessage);

export const campaignListInput = z.object({
  status: z.enum(campaignStatuses).optional(),
  search: z.string().trim().max(200).optional(),
  ownerId: z.uuid().optional(),
  includeArchived: z.boolean().default(false),
});

export type CampaignInput = z.infer<typeof campaignInput>;
export type CampaignListInput = z.infer<typeof campaignListInput>;
