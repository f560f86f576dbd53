/**
 * Expected spread against budget (or number of accounts), drawn with uPlot. Loaded on demand
 * so uPlot stays out of the main bundle. A table under the chart says the same in text.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { For, onCleanup, onMount } from 'solid-js';
import type { PlanResultView } from './plans.data.ts';

export default function SpreadChart(props: {
  curve: PlanResultView['curve'];
  byBudget: boolean;
  formatX: (v: number) => string;
}) {
  let container!: HTMLDivElement;
  onMount(() => {
    const xs = props.curve.map((c) => (props.byBudget ? c.budget / 100 : c.budget));
    const ys = props.curve.map((c) => c.spread);
    const chart = new uPlot(
      {
        width: Math.max(320, Math.min(720, container.clientWidth || 640)),
        height: 260,
        scales: { x: { time: false } },
        axes: [{ label: props.byBudget ? 'Budget' : 'Accounts' }, { label: 'Expected accounts reached' }],
        series: [
          { label: props.byBudget ? 'Budget' : 'Accounts', value: (_u, v) => (v == null ? '—' : String(v)) },
          { label: 'Expected spread', stroke: '#2f6fdf', width: 2, points: { show: true, size: 6 } },
        ],
      },
      [xs, ys],
      container,
    );
    onCleanup(() => chart.destroy());
  });
  return (
    <figure class="spread-chart">
      <div ref={container} aria-hidden="true" />
      <figcaption>
        <table class="plan-curve" aria-label="Expected spread against budget">
          <thead>
            <tr>
              <th scope="col">{props.byBudget ? 'Budget' : 'Accounts'}</th>
              <th scope="col">Expected reach</th>
              <th scope="col">Accounts</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.curve}>
              {(c) => (
                <tr>
                  <td>{props.formatX(c.budget)}</td>
                  <td>{c.spread.toFixed(1)}</td>
                  <td>{c.accounts}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
