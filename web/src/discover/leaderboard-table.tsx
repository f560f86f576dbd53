import { A, useAction, useSubmission } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import {
  addToContacts,
  type LeaderboardQuery,
  type LeaderboardRow,
  setShortlisted,
} from './discover.data.ts';
import {
  communityColor,
  formatAttribute,
  formatCount,
  formatMetric,
  formatPercent,
  formatScore,
  formatWhole,
} from './format.ts';
import { LeaderboardColumnPicker } from './leaderboard-columns.tsx';
import { LeaderboardFilters } from './leaderboard-filters.tsx';
import { createLeaderboardPages } from './leaderboard-pages.ts';
import { type Sort, useLeaderboardUrl } from './leaderboard-url.ts';

const ROW_HEIGHT = 40;
const OVERSCAN = 12;

const columns: { key: Sort | null; label: string; cell: (r: LeaderboardRow) => string; numeric?: boolean }[] =
  [
    { key: 'score', label: 'Score', cell: (r) => formatScore(r.score), numeric: true },
    { key: 'followers', label: 'Followers', cell: (r) => formatCount(r.followers), numeric: true },
    {
      key: 'nicheFollowers',
      label: 'Niche followers',
      cell: (r) => formatWhole(r.nicheFollowers),
      numeric: true,
    },
    {
      key: 'engagementRate',
      label: 'Engagement',
      cell: (r) => formatPercent(r.engagementRate, 2),
      numeric: true,
    },
    {
      key: 'audienceQuality',
      label: 'Audience quality',
      cell: (r) => formatPercent(r.audienceQuality, 0),
      numeric: true,
    },
    { key: 'pagerank', label: 'PageRank', cell: (r) => formatMetric(r.pagerank), numeric: true },
    { key: 'betweenness', label: 'Betweenness', cell: (r) => formatMetric(r.betweenness), numeric: true },
    { key: 'coreness', label: 'Coreness', cell: (r) => formatWhole(r.coreness), numeric: true },
    { key: 'reach', label: 'Reach', cell: (r) => formatCount(r.reach), numeric: true },
    { key: 'nicheAffinity', label: 'Affinity', cell: (r) => formatMetric(r.nicheAffinity), numeric: true },
  ];

/**
 * The leaderboard as a windowed table: only the rows in view (plus a margin) are in the
 * DOM, spacer rows keep the scrollbar true to `total`, and pages load as they come into view.
 */
export function LeaderboardTable(props: {
  nicheId: string;
  snapshotId?: string;
  communities: { id: number; size: number; label: string }[];
  canWrite: boolean;
  selected?: number;
  onOpen: (accountId: number) => void;
}) {
  // Sort and filters come from the address: a link, a reload, Back and Forward restore them.
  const { sort, dir, filters, restored, updateFilters, sortBy } = useLeaderboardUrl();
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(600);
  const [extra, setExtra] = createSignal<string[]>([]);
  const [overrides, setOverrides] = createSignal<ReadonlyMap<number, boolean>>(new Map());
  const [notice, setNotice] = createSignal<{ text: string; error?: boolean }>();
  const shortlist = useAction(setShortlisted);
  const addShortlisted = useAction(addToContacts);
  // Only the whole-shortlist submission: the account panel adds single accounts through the same action.
  const adding = useSubmission(addToContacts, ([, accountIds]) => accountIds === undefined);
  const pages = createLeaderboardPages();
  let scroller!: HTMLDivElement;

  const query = createMemo(
    (): LeaderboardQuery => ({
      nicheId: props.nicheId,
      snapshotId: props.snapshotId,
      sort: sort(),
      dir: dir(),
      search: filters().search || undefined,
      community: filters().community,
      ranges: filters().ranges,
    }),
  );
  createEffect(
    on(query, (q) => {
      if (scroller) scroller.scrollTop = 0;
      setScrollTop(0);
      pages.reset(q);
    }),
  );
  const communityNames = createMemo(() => new Map(props.communities.map((c) => [c.id, c.label])));
  const communityName = (id: number) => communityNames().get(id) ?? String(id);
  const total = () => pages.total() ?? 0;
  const first = () => Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
  const last = () => Math.min(total(), Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
  const visible = createMemo(() =>
    Array.from({ length: Math.max(0, last() - first()) }, (_, i) => first() + i),
  );
  createEffect(() => {
    if (total() > 0) pages.ensure(first(), Math.max(first(), last() - 1));
  });

  const ariaSort = (key: Sort | null) =>
    key && sort() === key ? (dir() === 'asc' ? 'ascending' : 'descending') : key ? 'none' : undefined;
  const isShortlisted = (r: LeaderboardRow) => overrides().get(r.accountId) ?? r.shortlisted;
  const toggle = async (r: LeaderboardRow, on: boolean) => {
    setOverrides((m) => new Map(m).set(r.accountId, on));
    try {
      await shortlist(props.nicheId, r.accountId, on);
    } catch (e) {
      setOverrides((m) => new Map(m).set(r.accountId, !on));
      setNotice({ text: `Could not update the shortlist: ${errorMessage(e)}`, error: true });
    }
  };
  const addAllShortlisted = async () => {
    setNotice(undefined);
    try {
      const result = await addShortlisted(props.nicheId);
      const n = result.created + result.linked;
      setNotice({
        text:
          n === 0
            ? 'The shortlist is empty: tick accounts first.'
            : `Added ${result.created} new ${result.created === 1 ? 'contact' : 'contacts'}` +
              (result.linked ? `; ${result.linked} already in Contacts.` : '.'),
      });
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };

  const header = (label: string, key: Sort, numeric = false) => (
    <th scope="col" aria-sort={ariaSort(key)} classList={{ numeric }}>
      <button type="button" class="sort" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">{sort() === key ? (dir() === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  return (
    <div class="leaderboard">
      <LeaderboardFilters
        value={filters()}
        restored={restored()}
        communities={props.communities}
        onChange={updateFilters}
      />
      <div class="leaderboard-bar">
        <p class="muted" aria-live="polite">
          <Show when={pages.total() !== undefined} fallback="Loading…">
            {formatWhole(total())} {total() === 1 ? 'account' : 'accounts'}
          </Show>
        </p>
        <LeaderboardColumnPicker keys={pages.attributeKeys()} chosen={extra()} onChange={setExtra} />
        <Show when={props.canWrite}>
          <button type="button" disabled={adding.pending} onClick={addAllShortlisted}>
            {adding.pending ? 'Adding…' : 'Add shortlisted to contacts'}
          </button>
        </Show>
      </div>
      <Show when={notice()}>
        {(n) => (
          <p class={n().error ? 'error' : 'notice'} role="status">
            {n().text}{' '}
            <Show when={!n().error}>
              <A href="/contacts">Open Contacts</A>
            </Show>
          </p>
        )}
      </Show>
      <Show when={pages.error()}>
        <ErrorNotice error={pages.error()} retry={() => pages.retry()} />
      </Show>
      <div
        class="table-scroll"
        ref={(el) => {
          scroller = el;
          queueMicrotask(() => setHeight(el.clientHeight || 600));
        }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table class="table leaderboard-table" aria-label="Leaderboard" aria-rowcount={total() + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {/* First, so picking accounts never needs a sideways scroll past the metrics. */}
              <th scope="col" class="shortlist-cell">
                Shortlist
              </th>
              {header('Rank', 'rank', true)}
              {header('Account', 'handle')}
              <For each={columns}>{(c) => header(c.label, c.key!, c.numeric)}</For>
              <For each={extra()}>{(key) => <th scope="col">{key}</th>}</For>
              <th scope="col">Community</th>
            </tr>
          </thead>
          <tbody>
            <tr class="spacer" style={{ height: `${first() * ROW_HEIGHT}px` }} />
            <For each={visible()}>
              {(index) => (
                <Show
                  when={pages.row(index)}
                  fallback={
                    <tr class="placeholder" aria-rowindex={index + 2} style={{ height: `${ROW_HEIGHT}px` }}>
                      <td colSpan={columns.length + extra().length + 4}>Loading…</td>
                    </tr>
                  }
                >
                  {(row) => (
                    <tr
                      aria-rowindex={index + 2}
                      tabIndex={0}
                      classList={{ selected: props.selected === row().accountId }}
                      style={{ height: `${ROW_HEIGHT}px` }}
                      onClick={() => props.onOpen(row().accountId)}
                      onKeyDown={(e) => {
                        if (e.target !== e.currentTarget) return;
                        if (e.key === 'Enter') props.onOpen(row().accountId);
                        // Arrow keys walk the rows; the window follows the focus as it scrolls.
                        const next =
                          e.key === 'ArrowDown'
                            ? e.currentTarget.nextElementSibling
                            : e.key === 'ArrowUp'
                              ? e.currentTarget.previousElementSibling
                              : null;
                        if (next instanceof HTMLElement && next.tabIndex === 0) {
                          e.preventDefault();
                          next.focus();
                        }
                      }}
                    >
                      <td class="shortlist-cell">
                        <input
                          type="checkbox"
                          aria-label={`Shortlist ${row().handle}`}
                          checked={isShortlisted(row())}
                          disabled={!props.canWrite}
                          onClick={(e) => e.stopPropagation()}
                          onChange={(e) => toggle(row(), e.currentTarget.checked)}
                        />
                      </td>
                      <td class="numeric">{row().rank}</td>
                      <td class="account-cell">
                        <span class="account-name">{row().displayName || row().handle}</span>
                        <span class="muted handle">@{row().handle}</span>
                      </td>
                      <For each={columns}>{(c) => <td class="numeric">{c.cell(row())}</td>}</For>
                      <For each={extra()}>{(key) => <td>{formatAttribute(row().attributes?.[key])}</td>}</For>
                      <td>
                        <span class="swatch" style={{ background: communityColor(row().community) }} />
                        {communityName(row().community)}
                      </td>
                    </tr>
                  )}
                </Show>
              )}
            </For>
            <tr class="spacer" style={{ height: `${Math.max(0, total() - last()) * ROW_HEIGHT}px` }} />
          </tbody>
        </table>
        <Show when={pages.total() === undefined && !pages.error()}>
          <Loading label="Loading the leaderboard…" />
        </Show>
        <Show when={pages.total() === 0}>
          <p class="empty">{pages.scored() ? 'No accounts match these filters.' : 'Not scored yet.'}</p>
        </Show>
      </div>
    </div>
  );
}
