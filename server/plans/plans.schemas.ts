/** What the plans API accepts. Money is in minor units (cents) of the plan's currency, like deal fees. */
import { z } from 'zod';
import { currency } from '../campaigns/campaigns.schemas.ts';

const money = z.number().int('Amounts are whole cents.').max(1e13);
const accountId = z.number().int().positive();

export const planId = z.uuid('That is not a plan id.');
export const nicheId = z.uuid('That is not a niche id.');

const goal = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('budget'),
    amountMinor: money.min(1, 'The budget must be more than zero.'),
  }),
  z.object({
    kind: z.literal('k'),
    k: z.number().int().min(1, 'Choose at least one account.').max(1000, 'At most 1,000 accounts.'),
  }),
]);

const fees = z.discriminatedUnion('source', [
  z.object({ source: z.literal('deals') }),
  z.object({
    source: z.literal('rate_card'),
    perThousandMinor: money.min(0, 'A rate cannot be negative.'),
    minimumMinor: money.min(0, 'A minimum fee cannot be negative.'),
  }),
  z.object({
    source: z.literal('manual'),
    fees: z
      .array(z.object({ accountId, feeMinor: money.min(0, 'A fee cannot be negative.') }))
      .min(1, 'Type at least one fee.')
      .max(5000),
  }),
]);

const eligible = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('shortlist') }),
  z.object({ kind: z.literal('community'), community: z.number().int().min(0) }),
]);

export const planModel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wc') }),
  z.object({
    kind: z.literal('uniform'),
    p: z.number().gt(0, 'p must be above 0.').max(1, 'p is at most 1.'),
  }),
  z.object({ kind: z.literal('learned') }),
]);

export const createPlanInput = z.object({
  nicheId,
  goal,
  currency: currency.default('EUR'),
  fees: fees.default({ source: 'rate_card', perThousandMinor: 1000, minimumMinor: 5000 }),
  eligible: eligible.default({ kind: 'all' }),
  fixed: z
    .array(accountId)
    .max(500)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  model: planModel.default({ kind: 'wc' }),
  epsilon: z.number().min(0.05, 'ε is at least 0.05.').max(0.5, 'ε is at most 0.5.').default(0.1),
  simulations: z.number().int().min(100).max(20_000).default(1000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const toDealsInput = z.object({
  id: planId,
  campaignId: z.uuid('That is not a campaign id.'),
  /** The person saw the budget warning and confirmed, as on the board. */
  acceptOverBudget: z.boolean().default(false),
});
export type ToDealsInput = z.infer<typeof toDealsInput>;
