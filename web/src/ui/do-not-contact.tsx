import { Show } from 'solid-js';

/** The do-not-contact flag, shown the same way wherever a contact appears. */
export function DoNotContactBadge(props: { when: boolean | undefined; spaced?: boolean }) {
  return (
    <Show when={props.when}>
      {props.spaced ? ' ' : ''}
      <span class="badge danger">Do not contact</span>
    </Show>
  );
}
