/**
 * The leaderboard's rows fetched page by page as the table scrolls: a sparse cache of
 * 200-row pages for the current query. A new query (sort, filters) starts a new
 * generation, so answers to the previous one are dropped.
 */
import { batch, createSignal } from 'solid-js';
import { fetchLeaderboardPage, type LeaderboardQuery, type LeaderboardRow } from './discover.data.ts';

export const PAGE_SIZE = 200;

export function createLeaderboardPages() {
  const [pages, setPages] = createSignal<ReadonlyMap<number, LeaderboardRow[]>>(new Map());
  const [total, setTotal] = createSignal<number>();
  const [scored, setScored] = createSignal(true);
  const [attributeKeys, setAttributeKeys] = createSignal<string[]>([]);
  const [error, setError] = createSignal<unknown>();
  let query: LeaderboardQuery | undefined;
  let generation = 0;
  const inflight = new Set<number>();

  const load = async (page: number) => {
    if (!query || pages().has(page) || inflight.has(page)) return;
    const mine = generation;
    inflight.add(page);
    try {
      const result = await fetchLeaderboardPage(query, page * PAGE_SIZE, PAGE_SIZE);
      if (mine !== generation) return;
      batch(() => {
        setPages((old) => new Map(old).set(page, result.rows));
        setTotal(result.total);
        setScored(result.snapshot !== null);
        setAttributeKeys(result.attributeKeys);
        setError(undefined);
      });
    } catch (e) {
      if (mine === generation) setError(e);
    } finally {
      if (mine === generation) inflight.delete(page);
    }
  };

  return {
    total,
    scored,
    /** The imported file's own columns, offered as optional leaderboard columns. */
    attributeKeys,
    error,
    /** Starts over with a new query (and loads its first page). */
    reset(next: LeaderboardQuery) {
      query = next;
      generation++;
      inflight.clear();
      batch(() => {
        setPages(new Map());
        setTotal(undefined);
        setError(undefined);
      });
      return load(0);
    },
    /** Makes sure rows first..last (inclusive) are loaded or loading. */
    ensure(first: number, last: number) {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) load(p);
    },
    row(index: number): LeaderboardRow | undefined {
      return pages().get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
    retry() {
      if (query) this.reset(query);
    },
  };
}
