import { action, query, redirect, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export const campaignStatuses = ['planning', 'active', 'finished', 'archived'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const getCampaigns = query(
  (status: string, search: string) =>
    trpc.campaigns.list.query({
      status: (status || undefined) as CampaignStatus | undefined,
      search: search || undefined,
    }),
  'campaigns',
);
export const getCampaign = query((id: string) => trpc.campaigns.byId.query({ id }), 'campaign');
export const getCampaignTimeline = query(
  (id: string) => trpc.campaigns.timeline.query({ id }),
  'campaignTimeline',
);
export const getOwners = query(() => trpc.campaigns.owners.query(), 'owners');
export const getStages = query(() => trpc.stages.list.query(), 'stages');

export type Campaign = Awaited<ReturnType<typeof trpc.campaigns.byId.query>>;
export type CampaignInput = Parameters<typeof trpc.campaigns.create.mutate>[0];

export const createCampaign = action(async (input: CampaignInput) => {
  const created = await trpc.campaigns.create.mutate(input);
  await revalidate(getCampaigns.key);
  throw redirect(`/campaigns/${created.id}`);
}, 'createCampaign');

export const updateCampaign = action(async (id: string, version: number, input: CampaignInput) => {
  try {
    await trpc.campaigns.update.mutate({ id, version, ...input });
  } catch (error) {
    // A conflict means someone else saved first: show their version.
    await revalidate(getCampaign.keyFor(id));
    throw error;
  }
  await revalidate([getCampaigns.key, getCampaign.keyFor(id), getCampaignTimeline.keyFor(id)]);
  throw redirect(`/campaigns/${id}`);
}, 'updateCampaign');

export const removeCampaign = action(async (id: string) => {
  await trpc.campaigns.remove.mutate({ id });
  await revalidate(getCampaigns.key);
  throw redirect('/campaigns');
}, 'removeCampaign');
