import { z } from 'zod';

const list = (max: number, item: z.ZodString) =>
  z
    .array(item)
    .max(max)
    .default([])
    .transform((items) => [...new Set(items)]);

export const budgetInput = z.object({
  maxRequests: z.number().int().min(1).max(1_000_000).default(3000),
  maxAccounts: z.number().int().min(10).max(5_000_000).default(20_000),
  maxMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

export const createNicheInput = z
  .object({
    name: z.string().trim().min(1, 'Name the niche.').max(200),
    platform: z.enum(['bluesky', 'mastodon', 'file']),
    seeds: list(100, z.string().trim().min(1).max(300)),
    keywords: list(20, z.string().trim().min(1).max(100)),
    budget: budgetInput.default({ maxRequests: 3000, maxAccounts: 20_000, maxMinutes: 60 }),
    /** Start crawling right away (crawled platforms only). */
    start: z.boolean().default(false),
  })
  .refine((n) => n.platform === 'file' || n.seeds.length + n.keywords.length > 0, {
    message: 'Give at least one seed account or keyword to crawl from.',
    path: ['seeds'],
  })
  .refine((n) => n.platform !== 'mastodon' || n.seeds.every((s) => /^@?[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)), {
    message: 'Mastodon seeds are written user@instance.social.',
    path: ['seeds'],
  });

export const nicheIdInput = z.object({ nicheId: z.uuid('That is not a niche id.') });

export type CreateNicheInput = z.infer<typeof createNicheInput>;
