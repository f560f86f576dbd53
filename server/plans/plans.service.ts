/**
 * Seeding plans: create (checked, stored, queued), read, list. Computing one is plan-run.ts;
 * turning one into deals is plan-deals.ts. Every read is scoped to the workspace, so another
 * workspace's plan is "not found" by id too.
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type PlanInputs, type PlanModel, plans } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { type LearnedData, learnedSummary, requireLearnedData } from './learned-actions.ts';
import { type Eligibility, eligibility, loadCandidates } from './plan-candidates.ts';
import { PlanError } from './plans.errors.ts';
import type { CreatePlanInput } from './plans.schemas.ts';

export const planJobName = 'plan-seeding';
/** Runs a plan may take; one that keeps dying (out of memory) is failed instead of retried forever. */
export const MAX_PLAN_ATTEMPTS = 3;

export const modelName = (model: PlanModel) => (model.kind === 'uniform' ? `uniform:${model.p}` : model.kind);

export function modelLabel(model: PlanModel, learned?: { data: LearnedData; learnedEdges: number }) {
  if (model.kind === 'uniform') return `Uniform cascade: every follow passes a post on with p = ${model.p}`;
  if (model.kind === 'learned')
    return learned
      ? `Learned from ${learnedSummary(learned.data)} (Goyal, Bonchi & Lakshmanan 2010): ${learned.learnedEdges.toLocaleString('en')} follows have observed probabilities, the rest use the weighted cascade (p = 1/n)`
      : 'Learned from measured campaigns';
  return 'Weighted cascade: an account that follows n accounts in the niche takes up a post from each of them with p = 1/n';
}

const money = (minor: number, currency: string) =>
  `${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/**
 * Refuses inputs that cannot give a plan, with what the user can change. Shared by create and the
 * job; the learned model's data is checked by requireLearnedData beside it.
 */
export function checkPlannable(inputs: PlanInputs, found: Eligibility, knownIds: Set<number>) {
  const unknown = inputs.fixed.filter((id) => !knownIds.has(id));
  if (unknown.length > 0)
    throw new PlanError('unknown_accounts', `Accounts ${unknown.join(', ')} are not in this niche.`);
  if (found.eligible.length === 0) {
    const why = [
      found.excludedDoNotContact ? `${found.excludedDoNotContact} marked do-not-contact` : '',
      found.withoutFee ? `${found.withoutFee} without a known fee` : '',
    ].filter(Boolean);
    const scope = { all: 'in this niche', shortlist: 'on the shortlist', community: 'in that community' }[
      inputs.eligible.kind
    ];
    throw new PlanError(
      'no_eligible_accounts',
      `No account ${scope} can be planned${why.length ? ` (${why.join(', ')})` : ''}. Widen the eligible accounts or choose another fee source.`,
    );
  }
  if (inputs.goal.kind !== 'budget') return;
  const budget = inputs.goal.amountMinor;
  const fixedCost = found.fixed.reduce((sum, f) => sum + (f.feeMinor ?? 0), 0);
  if (fixedCost > budget)
    throw new PlanError(
      'budget_below_fees',
      `The accounts already signed cost ${money(fixedCost, inputs.currency)}, more than the budget of ${money(budget, inputs.currency)}.`,
    );
  const cheapest = Math.min(...found.eligible.map((e) => e.feeMinor ?? 0));
  if (found.fixed.length === 0 && cheapest > budget)
    throw new PlanError(
      'budget_below_fees',
      `The budget of ${money(budget, inputs.currency)} is below every eligible account's fee (the cheapest is ${money(cheapest, inputs.currency)}).`,
    );
}

/** Checks the request against the niche as it is now and stores the plan, queued. */
export async function storePlan(db: Db, workspaceId: string, userId: string | null, input: CreatePlanInput) {
  const niche = await requireNiche(db, workspaceId, input.nicheId);
  const { nicheId: _n, seed, ...inputs } = input;
  if (inputs.model.kind === 'learned') await requireLearnedData(db, niche);
  const candidates = await loadCandidates(db, niche, inputs.currency);
  checkPlannable(inputs, eligibility(candidates, inputs), new Set(candidates.map((c) => c.accountId)));
  const [plan] = await db
    .insert(plans)
    .values({
      workspaceId,
      nicheId: niche.id,
      createdBy: userId,
      inputs,
      model: modelName(inputs.model),
      seed: seed ?? randomInt(1, 2 ** 31 - 1),
      progress: { phase: 'queued', fraction: 0 },
    })
    .returning({ id: plans.id, status: plans.status });
  return plan;
}

/** Stores the plan and queues its computation (poll `getPlan` for progress). */
export async function createPlan(
  db: Db,
  queue: Queue,
  workspaceId: string,
  userId: string | null,
  input: CreatePlanInput,
) {
  const plan = await storePlan(db, workspaceId, userId, input);
  await sendPlanJob(queue, plan.id);
  return plan;
}

export async function sendPlanJob(queue: Queue, planId: string) {
  await queue.send(planJobName, { planId }, { singletonKey: planId, retryLimit: 2, retryDelay: 2 });
}

const summary = {
  id: plans.id,
  nicheId: plans.nicheId,
  status: plans.status,
  progress: plans.progress,
  inputs: plans.inputs,
  model: plans.model,
  seed: plans.seed,
  error: plans.error,
  createdAt: plans.createdAt,
  finishedAt: plans.finishedAt,
};

export async function getPlan(db: Db, workspaceId: string, id: string) {
  const [plan] = await db
    .select({ ...summary, result: plans.result })
    .from(plans)
    .where(and(eq(plans.id, id), eq(plans.workspaceId, workspaceId)));
  if (!plan) throw new PlanError('plan_not_found', 'No such plan.');
  return plan;
}

/** A niche's plans, newest first, without their full results. */
export async function listPlans(db: Db, workspaceId: string, nicheId: string) {
  await requireNiche(db, workspaceId, nicheId);
  const rows = await db
    .select({ ...summary, result: plans.result })
    .from(plans)
    .where(and(eq(plans.workspaceId, workspaceId), eq(plans.nicheId, nicheId)))
    .orderBy(desc(plans.createdAt))
    .limit(50);
  return rows.map(({ result, ...row }) => ({
    ...row,
    outcome: result
      ? {
          accounts: result.plan.picks.length,
          costMinor: result.plan.costMinor,
          spread: result.plan.spread.mean,
        }
      : null,
  }));
}
