import { Show } from 'solid-js';
import { money } from './format.ts';
import type { Report } from './reports.data.ts';

/** The advertising-equivalent estimate, never without its formula, inputs and the Barcelona note. */
export function EmvPanel(props: { emv: Report['emv']; formula: string }) {
  return (
    <section class="card">
      <h2>Advertising-equivalent estimate</h2>
      <Show when={props.emv.estimateMinor !== null} fallback={<p>Not measured yet.</p>}>
        <details open>
          <summary>
            Estimate: <strong>{money(props.emv.estimateMinor, props.emv.currency)}</strong> — how it is
            computed
          </summary>
          <p>{props.formula}</p>
          <ul>
            <li>CPM Bluesky: {money(props.emv.inputs.cpmBlueskyMinor, props.emv.currency)}</li>
            <li>CPM Mastodon: {money(props.emv.inputs.cpmMastodonMinor, props.emv.currency)}</li>
            <li>Impressions per account reached: {props.emv.inputs.impressionsPerReach}</li>
          </ul>
        </details>
      </Show>
      <p class="muted">{props.emv.note}</p>
    </section>
  );
}
