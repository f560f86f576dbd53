import { action, query, revalidate } from '@solidjs/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { type AppRouter, trpc } from '../lib/trpc.ts';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;
export type PlanInput = Inputs['plans']['create'];
export type PlanDetails = Outputs['plans']['byId'];
export type PlanSummary = Outputs['plans']['list']['plans'][number];
export type PlanResultView = NonNullable<PlanDetails['result']>;
export type ToDealsResult = Outputs['plans']['toDeals'];

export const isComputing = (status: string) => status === 'queued' || status === 'running';

export const getPlans = query((nicheId: string) => trpc.plans.list.query({ nicheId }), 'plans');
export const getPlan = query((id: string) => trpc.plans.byId.query({ id }), 'plan');
export const getPlanShortlist = query(
  (nicheId: string) => trpc.shortlist.list.query({ nicheId }),
  'planShortlist',
);
export const getPlanCampaigns = query(() => trpc.campaigns.list.query({}), 'planCampaigns');

export const createPlan = action(async (input: PlanInput) => {
  const created = await trpc.plans.create.mutate(input);
  await revalidate(getPlans.keyFor(input.nicheId));
  return created;
}, 'createPlan');

export const planToDeals = action(
  async (id: string, campaignId: string, acceptOverBudget: boolean): Promise<ToDealsResult> =>
    trpc.plans.toDeals.mutate({ id, campaignId, acceptOverBudget }),
  'planToDeals',
);

/** Re-reads a plan that is still computing (and the list, whose row shows its status). */
export const refreshPlan = (nicheId: string, id: string) =>
  revalidate([getPlan.keyFor(id), getPlans.keyFor(nicheId)]);
