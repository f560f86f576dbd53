import { For, Show } from 'solid-js';
import { count, money } from './format.ts';
import type { Report } from './reports.data.ts';
import './reports.css';

const pct = (measured: number | null, target: number | null) =>
  measured === null || !target ? 0 : Math.min(100, Math.round((measured / target) * 100));

/** The campaign's goals against what was measured; a goal without a measurement says so. */
export function GoalsMeasured(props: { goals: Report['goals']; currency: string }) {
  const rows = () =>
    [
      {
        name: 'Posts live',
        target: props.goals.posts.target,
        measured: props.goals.posts.measured,
        show: count,
      },
      { name: 'Reach', target: props.goals.reach.target, measured: props.goals.reach.measured, show: count },
      {
        name: 'EMV (estimate)',
        target: props.goals.emvMinor.target,
        measured: props.goals.emvMinor.measured,
        show: (v: number | null) => money(v, props.currency),
      },
    ].filter((r) => r.target !== null);
  return (
    <Show when={rows().length > 0} fallback={<p class="muted">No goals set for this campaign.</p>}>
      <ul class="goals">
        <For each={rows()}>
          {(r) => (
            <li>
              <span>
                {r.name}: <strong>{r.show(r.measured)}</strong> of {r.show(r.target)}
                <Show when={r.measured === null}> (not measured yet)</Show>
              </span>
              <div
                class="bar"
                role="meter"
                aria-label={`${r.name} against goal`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct(r.measured, r.target)}
              >
                <span class="bar-committed" style={{ width: `${pct(r.measured, r.target)}%` }} />
              </div>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
