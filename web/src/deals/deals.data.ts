import { query, revalidate } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export const getBoard = query(
  (campaignId: string, ownerId: string, tag: string) =>
    trpc.deals.board.query({ campaignId, ownerId: ownerId || undefined, tag: tag || undefined }),
  'board',
);
export const getDeal = query((id: string) => trpc.deals.byId.query({ id }), 'deal');
export const getDealTimeline = query((id: string) => trpc.deals.timeline.query({ id }), 'dealTimeline');

export type Board = Awaited<ReturnType<typeof trpc.deals.board.query>>;
export type Card = Board['cards'][number];
export type BoardStage = Board['stages'][number];
export type Deal = Awaited<ReturnType<typeof trpc.deals.byId.query>>;

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

/** "3 d", "5 h", "just now": how long a card has been in its stage. */
export function since(date: string | Date, now = Date.now()): string {
  const ms = now - new Date(date).getTime();
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} d`;
  if (hours >= 1) return `${hours} h`;
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 1 ? `${minutes} min` : 'just now';
}

export function isOverdue(card: { nextActionAt: string | Date | null }, now = Date.now()): boolean {
  return !!card.nextActionAt && new Date(card.nextActionAt).getTime() < now;
}

/** Hands a CSV string to the browser as a download. */
export function downloadText(filename: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
