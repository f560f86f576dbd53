import { action, query, redirect, revalidate } from '@solidjs/router';
import { isOverBudget, trpc } from '../lib/trpc.ts';

export const getBoard = query(
  (campaignId: string, ownerId: string, tag: string) =>
    trpc.deals.board.query({ campaignId, ownerId: ownerId || undefined, tag: tag || undefined }),
  'board',
);
export const getDeal = query((id: string) => trpc.deals.byId.query({ id }), 'deal');
export const getDealTimeline = query((id: string) => trpc.deals.timeline.query({ id }), 'dealTimeline');
/** Discover niches whose shortlist can become deals. */
export const getShortlists = query(() => trpc.deals.shortlists.query(), 'shortlists');

export type Board = Awaited<ReturnType<typeof trpc.deals.board.query>>;
export type Card = Board['cards'][number];
export type BoardStage = Board['stages'][number];
export type Deal = Awaited<ReturnType<typeof trpc.deals.byId.query>>;
export type DealUpdateInput = Parameters<typeof trpc.deals.update.mutate>[0];

/** Everything that shows a deal or a campaign's money: refreshed after any deal write. */
export function revalidateDeals() {
  return revalidate([
    getBoard.key,
    getDeal.key,
    getDealTimeline.key,
    'campaign',
    'campaigns',
    'campaignTimeline',
  ]);
}

export type MoveInput = {
  id: string;
  stageId: string;
  position: number;
  version: number;
  acceptOverBudget?: boolean;
};

/** Moves a card; on a conflict the board is refreshed so the person sees the other change. */
export const moveDeal = action(async (input: MoveInput) => {
  try {
    const deal = await trpc.deals.moveStage.mutate(input);
    await revalidateDeals();
    return deal;
  } catch (error) {
    if (!isOverBudget(error)) await revalidateDeals();
    throw error;
  }
}, 'moveDeal');

export const saveDeal = action(async (input: DealUpdateInput) => {
  try {
    return await trpc.deals.update.mutate(input);
  } finally {
    await revalidateDeals();
  }
}, 'saveDeal');

export const bulkMoveDeals = action(async (ids: string[], stageId: string, acceptOverBudget: boolean) => {
  const result = await trpc.deals.bulkMove.mutate({ ids, stageId, acceptOverBudget });
  await revalidateDeals();
  return result;
}, 'bulkMoveDeals');

export const bulkAssignDeals = action(async (ids: string[], ownerId: string | null) => {
  const result = await trpc.deals.bulkAssign.mutate({ ids, ownerId });
  await revalidateDeals();
  return result;
}, 'bulkAssignDeals');

/** Adds contacts to a campaign as first-stage deals. */
export const addToCampaign = action(async (campaignId: string, contactIds: string[]) => {
  const result = await trpc.deals.create.mutate({ campaignId, contactIds });
  await revalidateDeals();
  return result;
}, 'addToCampaign');

/** Adds a niche's shortlisted contacts to a campaign as first-stage deals. */
export const addShortlist = action(async (campaignId: string, nicheId: string) => {
  const result = await trpc.deals.createFromShortlist.mutate({ campaignId, nicheId });
  await revalidateDeals();
  return result;
}, 'addShortlist');

export const addDealNote = action(async (id: string, text: string) => {
  await trpc.deals.addNote.mutate({ id, text });
  await revalidateDeals();
}, 'addDealNote');

export const removeDeal = action(async (id: string, campaignId: string) => {
  await trpc.deals.remove.mutate({ id });
  await revalidateDeals();
  throw redirect(`/campaigns/${campaignId}`);
}, 'removeDeal');

/** The campaign's deals (or just `ids`) as CSV text: a one-off read, so not cached. */
export async function exportDealsCsv(campaignId: string, ids?: string[]) {
  const { csv } = await trpc.deals.exportCsv.query({ campaignId, ids });
  return csv;
}
