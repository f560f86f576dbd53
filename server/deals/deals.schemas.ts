import { z } from 'zod';
import { currency } from '../campaigns/campaigns.schemas.ts';
import { deliverableKinds, deliverableStatuses, platforms } from '../db/schema/index.ts';
import { httpUrl } from '../lib/http-url.ts';

export const dealId = z.uuid('That is not a deal id.');
const ids = z.array(dealId).min(1, 'Choose at least one deal.').max(2000);

export const deliverableInput = z
  .object({
    kind: z.enum(deliverableKinds),
    platform: z.enum(platforms),
    dueOn: z.iso.date('Use a date like 2026-03-31.').nullable().default(null),
    status: z.enum(deliverableStatuses).default('planned'),
    url: httpUrl('Enter the full address of the live post, starting with http:// or https://.')
      .nullable()
      .default(null),
  })
  .refine((d) => d.status !== 'live' || d.url, {
    message: 'A live deliverable needs its URL.',
    path: ['url'],
  });

export const dealFields = z.object({
  feeMinor: z.number().int('Fees are whole cents.').min(0).max(1e13).nullable(),
  currency,
  deliverables: z.array(deliverableInput).max(50),
  ownerId: z.uuid().nullable(),
  nextAction: z.string().trim().max(500),
  nextActionAt: z.iso.datetime({ offset: true }).nullable(),
  notes: z.string().max(20_000),
});

export const dealUpdateInput = dealFields.partial().extend({
  id: dealId,
  version: z.number().int().min(1),
  acceptOverBudget: z.boolean().default(false),
});

export const moveStageInput = z.object({
  id: dealId,
  stageId: z.uuid('That is not a stage id.'),
  position: z.number().int().min(0).max(1_000_000),
  version: z.number().int().min(1),
  acceptOverBudget: z.boolean().default(false),
});

export const boardInput = z.object({
  campaignId: z.uuid('That is not a campaign id.'),
  ownerId: z.uuid().optional(),
  tag: z.string().trim().min(1).max(50).optional(),
});

export const addContactsInput = z.object({
  campaignId: z.uuid('That is not a campaign id.'),
  contactIds: z.array(z.uuid()).min(1, 'Choose at least one contact.').max(2000),
});

export const bulkMoveInput = z.object({
  ids,
  stageId: z.uuid(),
  acceptOverBudget: z.boolean().default(false),
});
export const bulkAssignInput = z.object({ ids, ownerId: z.uuid().nullable() });
export const exportInput = z.object({ campaignId: z.uuid(), ids: z.array(dealId).max(5000).optional() });
export const noteInput = z.object({
  id: dealId,
  text: z.string().trim().min(1, 'Write the note first.').max(20_000),
});

export type DealFields = z.infer<typeof dealFields>;
export type MoveStageInput = z.infer<typeof moveStageInput>;
export type BoardInput = z.infer<typeof boardInput>;
