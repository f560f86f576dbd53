import { action } from '@solidjs/router';
import { TRPCClientError } from '@trpc/client';
import { trpc } from '../lib/trpc.ts';
import { revalidateDeals } from './deals.data.ts';

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

export function isOverBudget(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'PRECONDITION_FAILED';
}
