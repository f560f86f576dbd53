import { Show } from 'solid-js';
import { ErrorNotice } from './feedback.tsx';

/** A form's last row: the failed save's message, Cancel, and the submit button with its pending label. */
export function FormFooter(props: {
  error: unknown;
  pending: boolean | undefined;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <Show when={props.error}>
        <ErrorNotice error={props.error} />
      </Show>
      <div class="actions">
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={props.pending}>
          {props.pending ? 'Saving…' : props.submitLabel}
        </button>
      </div>
    </>
  );
}
