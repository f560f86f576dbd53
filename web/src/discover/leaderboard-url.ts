/**
 * The leaderboard's sort and filters live in the address (`?sort=pagerank&dir=desc&q=…&scoreMin=…`),
 * so a link, a reload and the browser's Back and Forward all show the same table. Each change
 * (a sort click, a filter edit once its debounce settles) is one history entry; the default
 * order (rank, ascending) and empty filters leave the address clean, and values the leaderboard
 * does not know are ignored.
 */
import { useLocation, useSearchParams } from '@solidjs/router';
import { batch, createEffect, createSignal, on, untrack } from 'solid-js';
import type { LeaderboardQuery } from './discover.data.ts';
import {
  type FilterParams,
  type Filters,
  type FilterUpdate,
  filtersFromParams,
  paramsFromFilters,
} from './leaderboard-filters.tsx';

export type Sort = NonNullable<LeaderboardQuery['sort']>;
export type Dir = 'asc' | 'desc';
export type LeaderboardView = { sort: Sort; dir: Dir; filters: Filters };

/** Every sort the server takes: a record, so the compiler notices one added there and missing here. */
const sorts: Record<Sort, true> = {
  rank: true,
  handle: true,
  score: true,
  followers: true,
  nicheFollowers: true,
  engagementRate: true,
  audienceQuality: true,
  pagerank: true,
  betweenness: true,
  coreness: true,
  reach: true,
  nicheAffinity: true,
};
const isSort = (value: string | undefined): value is Sort =>
  value !== undefined && Object.hasOwn(sorts, value);
/** Ranks and names read best from the top; every metric from its highest. */
const firstDir = (sort: Sort): Dir => (sort === 'rank' || sort === 'handle' ? 'asc' : 'desc');

export function viewFromParams(params: FilterParams): LeaderboardView {
  return {
    sort: isSort(params.sort) ? params.sort : 'rank',
    dir: params.dir === 'desc' ? 'desc' : 'asc',
    filters: filtersFromParams(params),
  };
}

export function paramsFromView(view: LeaderboardView): FilterParams {
  return {
    ...paramsFromFilters(view.filters),
    sort: view.sort === 'rank' ? undefined : view.sort,
    dir: view.dir === 'asc' ? undefined : view.dir,
  };
}

/** Equal views give equal keys: what the address would hold for them. */
const viewKey = (view: LeaderboardView) => JSON.stringify(paramsFromView(view));

/**
 * The view the address holds, and the ways to change it. The view is kept here as well as in
 * the address because the address is written through a router transition: two filter edits in
 * quick succession must each build on the one before. Whenever the address changes to another
 * view (Back, Forward, a link) that view replaces this one and `restored` counts up, so the
 * filter boxes can show it.
 */
export function useLeaderboardUrl() {
  const location = useLocation();
  const [, setParams] = useSearchParams<FilterParams>();
  // The first value of each parameter: a repeated one must not turn into an array.
  const fromAddress = () => viewFromParams(Object.fromEntries(new URLSearchParams(location.search)));
  const same = (a: LeaderboardView, b: LeaderboardView) => viewKey(a) === viewKey(b);
  const [view, setView] = createSignal(untrack(fromAddress), { equals: same });
  const [restored, setRestored] = createSignal(0);
  createEffect(
    on(
      () => location.search,
      () => {
        const next = fromAddress();
        // Our own change arriving, or another parameter (the open account, the tab).
        if (same(next, view())) return;
        batch(() => {
          setView(next);
          setRestored((n) => n + 1);
        });
      },
      { defer: true },
    ),
  );
  const change = (next: LeaderboardView) => {
    if (same(next, view())) return;
    setView(next);
    setParams(paramsFromView(next));
  };
  return {
    sort: () => view().sort,
    dir: () => view().dir,
    filters: () => view().filters,
    /** Counts the times the address brought a view this page did not make. */
    restored,
    updateFilters: (update: FilterUpdate) => change({ ...view(), filters: update(view().filters) }),
    /** The same column again flips the direction; another starts from its natural one. */
    sortBy: (sort: Sort) => {
      const v = view();
      const dir = v.sort === sort ? (v.dir === 'asc' ? 'desc' : 'asc') : firstDir(sort);
      change({ ...v, sort, dir });
    },
  };
}
