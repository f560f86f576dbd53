import { For, Show } from 'solid-js';

/**
 * Picks which of the imported file's own columns (views, partner, language…) the leaderboard
 * shows. Hidden until the niche has any: crawled niches have none.
 */
export function LeaderboardColumnPicker(props: {
  keys: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  const toggle = (key: string, on: boolean) =>
    // Kept in the order offered, whatever order they were ticked in.
    props.onChange(props.keys.filter((k) => (k === key ? on : props.chosen.includes(k))));
  return (
    <Show when={props.keys.length > 0}>
      <details class="column-picker">
        <summary>Columns from the file</summary>
        <fieldset>
          <legend class="visually-hidden">Columns from the imported file</legend>
          <For each={props.keys}>
            {(key) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={props.chosen.includes(key)}
                  onChange={(e) => toggle(key, e.currentTarget.checked)}
                />
                {key}
              </label>
            )}
          </For>
        </fieldset>
      </details>
    </Show>
  );
}
