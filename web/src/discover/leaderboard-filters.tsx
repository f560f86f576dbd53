import { For, onCleanup } from 'solid-js';
import type { LeaderboardQuery } from './discover.data.ts';

type Ranges = NonNullable<LeaderboardQuery['ranges']>;
export type Filters = { search: string; community?: number; ranges: Ranges };

const rangeInputs: [keyof Ranges, string, number][] = [
  ['score', 'score', 1],
  ['followers', 'followers', 1],
  ['nicheFollowers', 'niche followers', 1],
  ['engagementRate', 'engagement rate', 0.001],
  ['audienceQuality', 'audience quality', 0.01],
];

/** Text, community and range filters; typing is debounced so the table is not refetched per key. */
export function LeaderboardFilters(props: {
  value: Filters;
  communities: { id: number; size: number; label: string }[];
  onChange: (f: Filters) => void;
}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const later = (update: () => Filters) => {
    clearTimeout(timer);
    timer = setTimeout(() => props.onChange(update()), 300);
  };
  const setRange = (field: keyof Ranges, bound: 'min' | 'max', raw: string) =>
    later(() => {
      const value = raw.trim() === '' ? undefined : Number(raw);
      const current = { ...props.value.ranges[field] };
      if (value === undefined || Number.isNaN(value)) delete current[bound];
      else current[bound] = value;
      return { ...props.value, ranges: { ...props.value.ranges, [field]: current } };
    });
  return (
    <div class="filters" role="search" aria-label="Leaderboard filters">
      <div class="field">
        <label for="lb-search">Search accounts</label>
        <input
          id="lb-search"
          type="search"
          placeholder="Handle or name"
          value={props.value.search}
          onInput={(e) => {
            const search = e.currentTarget.value;
            later(() => ({ ...props.value, search }));
          }}
        />
      </div>
      <div class="field">
        <label for="lb-community">Community</label>
        <select
          id="lb-community"
          value={props.value.community ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            props.onChange({ ...props.value, community: v === '' ? undefined : Number(v) });
          }}
        >
          <option value="">All communities</option>
          <For each={props.communities}>
            {(c) => (
              <option value={c.id}>
                {c.label} ({c.size})
              </option>
            )}
          </For>
        </select>
      </div>
      <details class="range-filters">
        <summary>Ranges</summary>
        <div class="range-grid">
          <For each={rangeInputs}>
            {([field, label, step]) => (
              <>
                <label>
                  Min {label}
                  <input
                    type="number"
                    step={step}
                    onInput={(e) => setRange(field, 'min', e.currentTarget.value)}
                  />
                </label>
                <label>
                  Max {label}
                  <input
                    type="number"
                    step={step}
                    onInput={(e) => setRange(field, 'max', e.currentTarget.value)}
                  />
                </label>
              </>
            )}
          </For>
        </div>
      </details>
    </div>
  );
}
