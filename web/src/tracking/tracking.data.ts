import { action, query, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export const getDealTracking = query(
  (dealId: string) => trpc.tracking.listForDeal.query({ dealId }),
  'dealTracking',
);

export type TrackedPost = Awaited<ReturnType<typeof trpc.tracking.listForDeal.query>>[number];

const refresh = () => revalidate(['dealTracking', 'report', 'campaign', 'campaigns']);

export const trackPost = action(async (dealId: string, url: string) => {
  try {
    return await trpc.tracking.track.mutate({ dealId, url });
  } finally {
    await refresh();
  }
}, 'trackPost');

export const decideProposal = action(async (id: string, decision: 'confirm' | 'dismiss') => {
  try {
    if (decision === 'confirm') await trpc.tracking.confirm.mutate({ id });
    else await trpc.tracking.dismiss.mutate({ id });
  } finally {
    await refresh();
  }
}, 'decideProposal');

export const pollNow = action(async (id: string) => {
  try {
    return await trpc.tracking.pollNow.mutate({ id });
  } finally {
    await refresh();
  }
}, 'pollNow');
