/** Seeding plans: which accounts to pay for a niche, computed in the background and kept with their inputs. */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './accounts.ts';
import { timestamps } from './columns.ts';
import { niches } from './niches.ts';

export const planStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Where an account's fee comes from. Money is in minor units of the plan's currency. */
export type PlanFees =
  | { source: 'deals' }
  | { source: 'rate_card'; perThousandMinor: number; minimumMinor: number }
  | { source: 'manual'; fees: { accountId: number; feeMinor: number }[] };

export type PlanModel = { kind: 'wc' } | { kind: 'uniform'; p: number } | { kind: 'learned' };

/** What the user asked for; stored as given so a plan can be read (and re-run) later. */
export type PlanInputs = {
  goal: { kind: 'budget'; amountMinor: number } | { kind: 'k'; k: number };
  currency: string;
  fees: PlanFees;
  eligible: { kind: 'all' } | { kind: 'shortlist' } | { kind: 'community'; community: number };
  /** Accounts already signed: always in the plan, their fees taken from the budget first. */
  fixed: number[];
  model: PlanModel;
  epsilon: number;
  /** Monte Carlo cascades for each spread estimate. */
  simulations: number;
};

export type PlanEstimate = { mean: number; low: number; high: number; runs: number };

export type PlanPick = {
  accountId: number;
  handle: string;
  displayName: string | null;
  followers: number | null;
  feeMinor: number | null;
  /** Expected newly reached accounts when this one was added, by the planner's estimate (null for baselines). */
  marginalGain: number | null;
  fixed: boolean;
};

/** costMinor: the picks' fees added up; null when one of them is unknown. */
export type PlanStrategy = { picks: PlanPick[]; costMinor: number | null; spread: PlanEstimate };

export type PlanResult = {
  plan: PlanStrategy;
  byFollowers: PlanStrategy;
  byScore: PlanStrategy | null;
  guarantee: {
    approximation: number;
    certifiedRatio: number;
    probability: number;
    capped: boolean;
    sentence: string;
  };
  model: { kind: PlanModel['kind']; label: string };
  /** Accounts left out because their contact is marked do-not-contact, or their fee is unknown. */
  excluded: { doNotContact: number; withoutFee: number };
  /** Expected spread (RR estimate) against budget in minor units, or against k when planning for k. */
  curve: { budget: number; spread: number; costMinor: number | null; accounts: number }[];
  nodeCount: number;
  edgeCount: number;
  eligibleCount: number;
  ms: number;
};

export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    nicheId: uuid()
      .notNull()
      .references(() => niches.id, { onDelete: 'cascade' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    inputs: jsonb().$type<PlanInputs>().notNull(),
    /** wc, uniform or learned: the edge probabilities the plan was computed under. */
    model: text().notNull(),
    /** The random seed every sampling step of this plan derives from. */
    seed: integer().notNull(),
    status: text({ enum: planStatuses }).notNull().default('queued'),
    progress: jsonb().$type<{ phase: string; fraction: number }>(),
    result: jsonb().$type<PlanResult>(),
    error: text(),
    /** Runs started; a plan that keeps crashing its worker is failed instead of retried forever. */
    attempts: integer().notNull().default(0),
    finishedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('plans_niche_idx').on(t.workspaceId, t.nicheId, t.createdAt),
    index('plans_status_idx').on(t.status),
  ],
);

export type Plan = typeof plans.$inferSelect;
