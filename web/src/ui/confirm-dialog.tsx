import { createEffect, Show } from 'solid-js';

let counter = 0;

/** A modal question with a destructive confirm button; Escape or Cancel closes it. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  let dialog!: HTMLDialogElement;
  // Several dialogs can share a page: each needs its own title id.
  const titleId = `confirm-title-${++counter}`;
  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={() => props.onCancel()}
      onClose={() => props.open && props.onCancel()}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p>{props.message}</p>
      <div class="actions">
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="button" class="danger" disabled={props.busy} onClick={() => props.onConfirm()}>
          <Show when={props.busy} fallback={props.confirmLabel}>
            Working…
          </Show>
        </button>
      </div>
    </dialog>
  );
}
