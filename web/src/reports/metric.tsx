import type { JSX } from 'solid-js';
import './reports.css';

/**
 * A figure with its formula one hover (or focus) away: the formula is a tooltip bound to the
 * figure, so screen readers read it too.
 */
export function Metric(props: { label: string; formula: string; children: JSX.Element }) {
  const id = `formula-${props.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  return (
    <div class="metric">
      <span class="metric-label" tabindex="0" aria-describedby={id}>
        {props.label} <span aria-hidden="true">ⓘ</span>
        <span class="formula" role="tooltip" id={id}>
          {props.formula}
        </span>
      </span>
      <strong class="metric-value">{props.children}</strong>
    </div>
  );
}

/** A table header cell whose formula shows on hover. */
export function FormulaHeader(props: { label: string; formula: string }) {
  return (
    <th scope="col">
      <span class="metric-label" tabindex="0" title={props.formula}>
        {props.label}
        <span class="formula" role="tooltip">
          {props.formula}
        </span>
      </span>
    </th>
  );
}
