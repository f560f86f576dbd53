import { createAsync, useAction } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { addShortlist, getShortlists } from '../deals/deals.data.ts';
import { errorMessage } from '../lib/trpc.ts';

/** Adds a Discover niche's shortlisted contacts to the campaign as first-stage deals. */
export function AddShortlist(props: { campaignId: string }) {
  const shortlists = createAsync(() => getShortlists());
  const add = useAction(addShortlist);
  const [nicheId, setNicheId] = createSignal('');
  const [message, setMessage] = createSignal<{ text: string; error?: boolean }>();
  // Until the person picks one, the first shortlist is the choice, shown as selected: a
  // `value` on the select alone names no option when the options arrive after it.
  const chosenId = () => nicheId() || shortlists()?.[0]?.nicheId;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = chosenId();
    if (!chosen) return;
    setMessage(undefined);
    try {
      const result = await add(props.campaignId, chosen);
      const skipped = result.skipped.length
        ? ` Skipped ${result.skipped.length} already in the campaign or not to be contacted.`
        : '';
      setMessage({ text: `Added ${result.added.length} from the shortlist.${skipped}` });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };
  return (
    <Show when={shortlists()?.length}>
      <form class="toolbar" onSubmit={submit} aria-label="Add a niche's shortlist">
        <label for="shortlist-niche">Shortlist of niche</label>
        <select id="shortlist-niche" onChange={(e) => setNicheId(e.currentTarget.value)}>
          <For each={shortlists() ?? []}>
            {(s) => (
              <option value={s.nicheId} selected={s.nicheId === chosenId()}>
                {s.name} ({s.contacts})
              </option>
            )}
          </For>
        </select>
        <button type="submit">Add shortlist</button>
        <Show when={message()}>
          {(m) => (
            <span class={m().error ? 'error' : 'muted'} role={m().error ? 'alert' : 'status'}>
              {m().text}
            </span>
          )}
        </Show>
      </form>
    </Show>
  );
}
