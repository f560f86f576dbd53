import { createEffect, For, on, onCleanup } from 'solid-js';
import type { LeaderboardQuery } from './discover.data.ts';

type Ranges = NonNullable<LeaderboardQuery['ranges']>;
type RangeField = keyof Ranges;
export type Filters = { search: string; community?: number; ranges: Ranges };
/** A change to one filter, applied to whatever the others hold by then. */
export type FilterUpdate = (current: Filters) => Filters;

const rangeInputs: [RangeField, string, number][] = [
  ['score', 'score', 1],
  ['followers', 'followers', 1],
  ['nicheFollowers', 'niche followers', 1],
  ['engagementRate', 'engagement rate', 0.001],
  ['audienceQuality', 'audience quality', 0.01],
];

/**
 * The filters as query-string parameters (`q`, `community`, `scoreMin`, `followersMax`, …), so
 * a filtered leaderboard is a link: opening it restores every filter.
 */
export type FilterParams = Record<string, string | undefined>;
const bounds = ['min', 'max'] as const;
const paramName = (field: RangeField, bound: 'min' | 'max') => `${field}${bound === 'min' ? 'Min' : 'Max'}`;
export const filterParamNames = [
  'q',
  'community',
  ...rangeInputs.flatMap(([field]) => bounds.map((b) => paramName(field, b))),
];

const number = (text: string | undefined) => {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
};

export function filtersFromParams(params: FilterParams): Filters {
  const ranges: Ranges = {};
  for (const [field] of rangeInputs) {
    const range: { min?: number; max?: number } = {};
    for (const bound of bounds) {
      const value = number(params[paramName(field, bound)]);
      if (value !== undefined) range[bound] = value;
    }
    // An empty range (min above max) would only be refused by the server.
    if (Object.keys(range).length && !((range.min ?? -Infinity) > (range.max ?? Infinity)))
      ranges[field] = range;
  }
  const community = number(params.community);
  return {
    search: params.q ?? '',
    community:
      community !== undefined && Number.isSafeInteger(community) && community >= 0 ? community : undefined,
    ranges,
  };
}

export function paramsFromFilters(filters: Filters): FilterParams {
  const params: FilterParams = {
    q: filters.search || undefined,
    community: filters.community === undefined ? undefined : String(filters.community),
  };
  for (const [field] of rangeInputs) {
    for (const bound of bounds) {
      const value = filters.ranges[field]?.[bound];
      params[paramName(field, bound)] = value === undefined ? undefined : String(value);
    }
  }
  return params;
}

/**
 * Text, community and range filters. Typing is debounced so the table is not refetched per
 * key, each box on its own timer and each change applied to the latest filters: editing one
 * box never cancels or overwrites what another box just got.
 */
export function LeaderboardFilters(props: {
  value: Filters;
  /** Counts up when the filters came from elsewhere (Back, Forward): the boxes then show them. */
  restored: number;
  communities: { id: number; size: number; label: string }[];
  onChange: (update: FilterUpdate) => void;
}) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  onCleanup(() => {
    for (const t of timers.values()) clearTimeout(t);
  });
  const later = (key: string, update: FilterUpdate) => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        props.onChange(update);
      }, 300),
    );
  };
  const setRange = (field: RangeField, bound: 'min' | 'max', raw: string) =>
    later(paramName(field, bound), (f) => {
      const value = number(raw);
      const current = { ...f.ranges[field] };
      if (value === undefined) delete current[bound];
      else current[bound] = value;
      return { ...f, ranges: { ...f.ranges, [field]: current } };
    });
  // The boxes start from the filters they were opened with (a shared link) and then belong to
  // the person typing: rewriting them from the parsed value would fight half-typed numbers.
  // Only filters from elsewhere (Back, Forward) are written into them, dropping unsettled edits.
  const start = props.value;
  let searchBox!: HTMLInputElement;
  let details!: HTMLDetailsElement;
  const rangeBoxes = new Map<string, HTMLInputElement>();
  createEffect(
    on(
      () => props.restored,
      () => {
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
        const f = props.value;
        searchBox.value = f.search;
        for (const [field] of rangeInputs) {
          for (const bound of bounds) {
            const box = rangeBoxes.get(paramName(field, bound));
            if (box) box.value = String(f.ranges[field]?.[bound] ?? '');
          }
        }
        if (Object.keys(f.ranges).length) details.open = true;
      },
      { defer: true },
    ),
  );
  return (
    <div class="filters" role="search" aria-label="Leaderboard filters">
      <div class="field">
        <label for="lb-search">Search accounts</label>
        <input
          ref={searchBox}
          id="lb-search"
          type="search"
          placeholder="Handle or name"
          value={start.search}
          onInput={(e) => {
            const search = e.currentTarget.value;
            later('q', (f) => ({ ...f, search }));
          }}
        />
      </div>
      <div class="field">
        <label for="lb-community">Community</label>
        {/* `selected` on the options: the communities arrive after the filter is known. */}
        <select
          id="lb-community"
          onChange={(e) => {
            const v = e.currentTarget.value;
            props.onChange((f) => ({ ...f, community: v === '' ? undefined : Number(v) }));
          }}
        >
          <option value="" selected={props.value.community === undefined}>
            All communities
          </option>
          <For each={props.communities}>
            {(c) => (
              <option value={c.id} selected={c.id === props.value.community}>
                {c.label} ({c.size})
              </option>
            )}
          </For>
        </select>
      </div>
      <details ref={details} class="range-filters" open={Object.keys(start.ranges).length > 0}>
        <summary>Ranges</summary>
        <div class="range-grid">
          <For each={rangeInputs}>
            {([field, label, step]) => (
              <For each={bounds}>
                {(bound) => (
                  <label>
                    {bound === 'min' ? 'Min' : 'Max'} {label}
                    <input
                      ref={(el) => rangeBoxes.set(paramName(field, bound), el)}
                      type="number"
                      step={step}
                      value={start.ranges[field]?.[bound] ?? ''}
                      onInput={(e) => setRange(field, bound, e.currentTarget.value)}
                    />
                  </label>
                )}
              </For>
            )}
          </For>
        </div>
      </details>
    </div>
  );
}
