import { For, Show } from 'solid-js';

type Account = { accountId: number; handle: string; displayName: string | null };

/** A fee typed per shortlisted account (major units); an account left empty is not planned. */
export function FeeTable(props: {
  shortlist: Account[];
  currency: string;
  fees: Record<number, string>;
  onChange: (fees: Record<number, string>) => void;
}) {
  return (
    <Show
      when={props.shortlist.length}
      fallback={<p class="muted">Shortlist accounts first to type their fees.</p>}
    >
      <table class="plan-fees">
        <thead>
          <tr>
            <th>Shortlisted account</th>
            <th>Fee ({props.currency})</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.shortlist}>
            {(a) => (
              <tr>
                <td>{a.displayName || a.handle}</td>
                <td>
                  <input
                    aria-label={`Fee for ${a.handle}`}
                    inputMode="decimal"
                    value={props.fees[a.accountId] ?? ''}
                    onInput={(e) => props.onChange({ ...props.fees, [a.accountId]: e.currentTarget.value })}
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
