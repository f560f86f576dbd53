import { createAsync } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { formatMoney } from '../campaigns/money.ts';
import { Loaded } from '../ui/feedback.tsx';
import { PlanForm } from './plan-form.tsx';
import { PlanView } from './plan-view.tsx';
import { getPlans, isComputing, type PlanSummary } from './plans.data.ts';
import './plans.css';

type Fixed = { accountId: number; label: string };

/** The niche's Plan tab: the request form, the plans made so far, and the one chosen. */
export function PlanTab(props: {
  nicheId: string;
  canWrite: boolean;
  communities: { id: number; label: string }[];
}) {
  const plans = createAsync(() => getPlans(props.nicheId));
  const [chosen, setChosen] = createSignal<string>();
  const [fixed, setFixed] = createSignal<Fixed[]>([]);
  const current = () => chosen() ?? plans()?.plans[0]?.id;
  const goal = (p: PlanSummary) =>
    p.inputs.goal.kind === 'budget'
      ? `budget ${formatMoney(p.inputs.goal.amountMinor, p.inputs.currency)}`
      : `${p.inputs.goal.k} accounts`;
  const outcome = (p: PlanSummary) =>
    p.outcome
      ? `${p.outcome.accounts} accounts, ~${p.outcome.spread.toFixed(0)} reached`
      : isComputing(p.status)
        ? `computing ${Math.round((p.progress?.fraction ?? 0) * 100)}%`
        : p.status;
  return (
    <div class="plan-tab">
      <p class="muted">
        Which accounts to pay so a post reaches the most of this niche: Murmur simulates how a post spreads
        along follows and picks the set with the largest expected reach for the budget.
      </p>
      <Loaded query="plans" label="Loading plans…">
        <Show when={props.canWrite}>
          <PlanForm
            nicheId={props.nicheId}
            communities={props.communities}
            learned={plans()?.learned ?? { available: false, reason: 'checking for measured campaigns…' }}
            fixed={fixed()}
            onFixedChange={setFixed}
            onCreated={(id) => setChosen(id)}
          />
        </Show>
        <Show
          when={plans()?.plans.length}
          fallback={
            <p class="empty">No plans yet{props.canWrite ? ': set a budget and compute one.' : '.'}</p>
          }
        >
          <div class="plan-history">
            <label for="plan-choice">Plan</label>
            <select id="plan-choice" value={current()} onChange={(e) => setChosen(e.currentTarget.value)}>
              <For each={plans()?.plans}>
                {(p) => (
                  <option value={p.id}>
                    {new Date(p.createdAt).toLocaleString()}: {goal(p)}, {p.model} — {outcome(p)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Show when={current()} keyed>
            {(id) => (
              <PlanView
                nicheId={props.nicheId}
                planId={id}
                canWrite={props.canWrite}
                onReplan={(keep) => {
                  setFixed(keep);
                  document.querySelector<HTMLFormElement>('.plan-form')?.scrollIntoView();
                }}
              />
            )}
          </Show>
        </Show>
      </Loaded>
    </div>
  );
}
