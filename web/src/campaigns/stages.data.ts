import { action, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';
import { getStages } from './campaigns.data.ts';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/** Stages are the board's columns: every change refreshes the list and any board on screen. */
const refreshStages = () => revalidate([getStages.key, 'board']);

export const createStage = action(async (input: { name: string; kind: StageKind; committed: boolean }) => {
  await trpc.stages.create.mutate(input);
  await refreshStages();
}, 'createStage');

export const updateStage = action(
  async (input: { id: string; name?: string; kind?: StageKind; committed?: boolean }) => {
    await trpc.stages.update.mutate(input);
    await refreshStages();
  },
  'updateStage',
);

export const reorderStages = action(async (ids: string[]) => {
  await trpc.stages.reorder.mutate({ ids });
  await refreshStages();
}, 'reorderStages');

/** Deletes a stage; its deals move to `moveDealsTo` (required by the server when it holds any). */
export const removeStage = action(async (id: string, moveDealsTo: string | undefined) => {
  await trpc.stages.remove.mutate({ id, moveDealsTo });
  await refreshStages();
}, 'removeStage');
