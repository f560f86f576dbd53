import { z } from 'zod';

export const leaderboardSorts = [
  'rank',
  'score',
  'followers',
  'nicheFollowers',
  'engagementRate',
  'audienceQuality',
  'pagerank',
  'betweenness',
  'coreness',
  'reach',
  'nicheAffinity',
  'handle',
] as const;
export type LeaderboardSort = (typeof leaderboardSorts)[number];

const nicheId = z.uuid('That is not a niche id.');
const snapshotId = z.uuid('That is not a snapshot id.').optional();
const accountId = z.number().int().positive();

const range = z
  .object({ min: z.number().finite().optional(), max: z.number().finite().optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');

export const rangeFields = [
  'score',
  'followers',
  'nicheFollowers',
  'engagementRate',
  'audienceQuality',
] as const;
export type RangeField = (typeof rangeFields)[number];

export const listInput = z.object({
  nicheId,
  snapshotId,
  sort: z.enum(leaderboardSorts).default('rank'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  search: z.string().trim().max(200).optional(),
  community: z.number().int().min(0).optional(),
  ranges: z
    .object(
      Object.fromEntries(rangeFields.map((f) => [f, range.optional()])) as Record<
        RangeField,
        z.ZodOptional<typeof range>
      >,
    )
    .optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const accountInput = z.object({ nicheId, accountId, snapshotId });
export const graphInput = z.object({
  nicheId,
  snapshotId,
  maxNodes: z.number().int().min(1).max(20_000).default(3000),
});
export const snapshotInput = z.object({ nicheId, snapshotId });
export const compareInput = z.object({
  nicheId,
  fromSnapshotId: z.uuid('That is not a snapshot id.'),
  toSnapshotId: z.uuid('That is not a snapshot id.'),
  limit: z.number().int().min(1).max(200).default(20),
});

export type ListInput = z.infer<typeof listInput>;
export type AccountInput = z.infer<typeof accountInput>;
export type GraphInput = z.infer<typeof graphInput>;
export type CompareInput = z.infer<typeof compareInput>;
