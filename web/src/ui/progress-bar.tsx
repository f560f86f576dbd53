import { Show } from 'solid-js';

/** A labelled progress bar; `fraction` null shows an indeterminate bar. */
export function ProgressBar(props: { label: string; fraction: number | null; text?: string }) {
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={props.fraction == null ? undefined : Math.round(props.fraction * 100)}
        aria-valuetext={props.text}
      >
        <div
          class="progress-fill"
          classList={{ indeterminate: props.fraction == null }}
          style={{ width: `${Math.round((props.fraction ?? 0.3) * 100)}%` }}
        />
      </div>
      <Show when={props.text}>
        <small class="muted">{props.text}</small>
      </Show>
    </div>
  );
}
