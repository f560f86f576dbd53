import { A, createAsync, useAction } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { formatMoney } from '../campaigns/money.ts';
import { errorMessage, isOverBudget } from '../lib/trpc.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { getPlanCampaigns, planToDeals, type ToDealsResult } from './plans.data.ts';

/** Turns the plan's picks into first-stage deals with their fees; asks before going over budget, like the board. */
export function PlanDealsForm(props: { planId: string; currency: string }) {
  const campaigns = createAsync(() => getPlanCampaigns());
  const toDeals = useAction(planToDeals);
  const [campaignId, setCampaignId] = createSignal('');
  const [result, setResult] = createSignal<ToDealsResult>();
  const [error, setError] = createSignal<string>();
  const [warning, setWarning] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const chosen = () => campaignId() || campaigns()?.[0]?.id || '';
  const run = async (acceptOverBudget: boolean) => {
    setError(undefined);
    setBusy(true);
    try {
      setResult(await toDeals(props.planId, chosen(), acceptOverBudget));
      setWarning(undefined);
    } catch (e) {
      if (isOverBudget(e) && !acceptOverBudget) setWarning(errorMessage(e));
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show
      when={campaigns()?.length}
      fallback={
        <p class="muted">
          <A href="/campaigns/new">Create a campaign</A> to turn this plan into deals.
        </p>
      }
    >
      <form
        class="toolbar"
        aria-label="Make deals from the plan"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <label for="plan-campaign">Campaign</label>
        <select id="plan-campaign" value={chosen()} onChange={(e) => setCampaignId(e.currentTarget.value)}>
          <For each={campaigns()}>
            {(c) => (
              <option value={c.id}>
                {c.name} ({c.currency}
                {c.budgetMinor ? `, budget ${formatMoney(c.budgetMinor, c.currency)}` : ''})
              </option>
            )}
          </For>
        </select>
        <button type="submit" disabled={busy() || !chosen()}>
          Make deals
        </button>
        <Show when={result()}>
          {(r) => (
            <span class="muted" role="status">
              Added {r().added} deals ({formatMoney(r().feesMinor, props.currency)} in fees) to the first
              stage.
              {r().skipped.length
                ? ` Skipped ${r().skipped.length}: already in the campaign or not to be contacted.`
                : ''}{' '}
              <A href={`/campaigns/${r().campaignId}`}>Open the board</A>
            </span>
          )}
        </Show>
        <Show when={error()}>
          <span class="error" role="alert">
            {error()}
          </span>
        </Show>
      </form>
      <ConfirmDialog
        open={!!warning()}
        title="Over the campaign budget"
        message={warning() ?? ''}
        confirmLabel="Make the deals anyway"
        busy={busy()}
        onConfirm={() => void run(true)}
        onCancel={() => setWarning(undefined)}
      />
    </Show>
  );
}
