import { For, Show } from 'solid-js';

export type Fixed = { accountId: number; label: string };
type Account = { accountId: number; handle: string; displayName: string | null };

/** Marks shortlisted accounts as already signed, before any plan exists; a plan's picks can be kept too. */
export function SignedPicker(props: {
  shortlist: Account[];
  fixed: Fixed[];
  onChange: (fixed: Fixed[]) => void;
}) {
  const isFixed = (id: number) => props.fixed.some((f) => f.accountId === id);
  const toggle = (a: Account) =>
    props.onChange(
      isFixed(a.accountId)
        ? props.fixed.filter((f) => f.accountId !== a.accountId)
        : [...props.fixed, { accountId: a.accountId, label: a.displayName || a.handle }],
    );
  return (
    <>
      <Show when={props.shortlist.length}>
        <details class="signed-picker">
          <summary>Already signed from the shortlist</summary>
          <For each={props.shortlist}>
            {(a) => (
              <label class="choice">
                <input type="checkbox" checked={isFixed(a.accountId)} onChange={() => toggle(a)} />{' '}
                {a.displayName || a.handle}
              </label>
            )}
          </For>
        </details>
      </Show>
      <Show when={props.fixed.length}>
        <p>
          Already signed (kept in the plan):{' '}
          <For each={props.fixed}>
            {(f) => (
              <button
                type="button"
                class="chip"
                aria-label={`Stop keeping ${f.label}`}
                onClick={() => props.onChange(props.fixed.filter((x) => x.accountId !== f.accountId))}
              >
                {f.label} ×
              </button>
            )}
          </For>
        </p>
      </Show>
    </>
  );
}
