import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { getCampaigns } from '../campaigns/campaigns.data.ts';
import { addToCampaign } from '../deals/deals.data.ts';
import { errorMessage } from '../lib/trpc.ts';

const reasons = {
  already_in_campaign: 'already in the campaign',
  do_not_contact: 'marked do not contact',
  not_found: 'no longer exist',
} as const;

/** The bar shown when contacts are selected: adds them to a campaign as first-stage deals. */
export function AddToCampaign(props: { contactIds: string[]; preselected?: string; onDone: () => void }) {
  const campaigns = createAsync(() => getCampaigns('', ''));
  const add = useAction(addToCampaign);
  const [campaignId, setCampaignId] = createSignal(props.preselected ?? '');
  const [message, setMessage] = createSignal<{ text: string; error?: boolean; href?: string }>();
  const adding = useSubmission(addToCampaign);

  // `selected` on the options, not `value` on the select: the campaigns arrive after it.
  const chosenId = () => campaignId() || campaigns()?.[0]?.id;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const target = chosenId();
    if (!target) return;
    setMessage(undefined);
    try {
      const result = await add(target, props.contactIds);
      const name = campaigns()?.find((c) => c.id === target)?.name ?? 'the campaign';
      const counts = new Map<string, number>();
      for (const s of result.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
      const skipped = [...counts].map(([reason, n]) => `${n} ${reasons[reason as keyof typeof reasons]}`);
      setMessage({
        text: `Added ${result.added.length} to ${name}.${skipped.length ? ` Skipped ${skipped.join(', ')}.` : ''}`,
        href: `/campaigns/${target}`,
      });
      props.onDone();
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };

  return (
    <div>
      <Show when={props.contactIds.length > 0}>
        <form class="toolbar bulk" onSubmit={submit} aria-label="Add selected contacts to a campaign">
          <span>{props.contactIds.length} selected</span>
          <label for="add-campaign">Campaign</label>
          <select id="add-campaign" onChange={(e) => setCampaignId(e.currentTarget.value)}>
            <For each={campaigns() ?? []}>
              {(c) => (
                <option value={c.id} selected={c.id === chosenId()}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
          <button type="submit" class="primary" disabled={adding.pending || !campaigns()?.length}>
            Add to campaign
          </button>
          <Show when={campaigns()?.length === 0}>
            <span class="muted">Create a campaign first.</span>
          </Show>
        </form>
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class={m().error ? 'error' : 'notice'} role={m().error ? 'alert' : 'status'}>
            {m().text}{' '}
            <Show when={m().href}>
              <a href={m().href}>Open the board</a>
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}
