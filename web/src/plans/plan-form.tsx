import { createAsync, useAction } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { parseMoney } from '../campaigns/money.ts';
import { errorMessage } from '../lib/trpc.ts';
import { FeeTable } from './fee-table.tsx';
import { createPlan, getPlanShortlist, type PlanInput } from './plans.data.ts';
import { type Fixed, SignedPicker } from './signed-picker.tsx';

export type PlanFormProps = {
  nicheId: string;
  communities: { id: number; label: string }[];
  /** Whether the niche has measured campaigns to learn from; the reason says how many, or why not. */
  learned: { available: boolean; reason: string; cascades?: number; reshares?: number };
  /** Accounts to keep as already signed (from a plan's picks), by id with a label. */
  fixed: Fixed[];
  onFixedChange: (fixed: Fixed[]) => void;
  onCreated: (id: string) => void;
};

/** The plan request: budget or k, fees, eligible accounts, model. Money is typed in major units. */
export function PlanForm(props: PlanFormProps) {
  const create = useAction(createPlan);
  const shortlist = createAsync(() => getPlanShortlist(props.nicheId));
  const [goal, setGoal] = createSignal<'budget' | 'k'>('budget');
  const [budget, setBudget] = createSignal('2000');
  const [k, setK] = createSignal('5');
  const [currency, setCurrency] = createSignal('EUR');
  const [fees, setFees] = createSignal<'rate_card' | 'deals' | 'manual'>('rate_card');
  const [perThousand, setPerThousand] = createSignal('10.00');
  const [minimum, setMinimum] = createSignal('50.00');
  const [manual, setManual] = createSignal<Record<number, string>>({});
  const [eligible, setEligible] = createSignal('all');
  const [model, setModel] = createSignal<'wc' | 'uniform' | 'learned'>('wc');
  const [p, setP] = createSignal('0.05');
  const [epsilon, setEpsilon] = createSignal('0.1');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const money = (text: string, what: string) => {
    const value = parseMoney(text);
    if (value === null || Number.isNaN(value)) throw new Error(`${what}: enter an amount of zero or more.`);
    return value;
  };
  const request = (): PlanInput => {
    const scope = eligible();
    const goalValue = goal() === 'budget' ? Number(budget().replace(',', '.')) : Number(k());
    if (goal() === 'budget' && !(goalValue > 0)) throw new Error('The budget must be an amount above zero.');
    if (goal() === 'k' && !(Number.isInteger(goalValue) && goalValue >= 1))
      throw new Error('Choose at least one account.');
    return {
      nicheId: props.nicheId,
      goal:
        goal() === 'budget'
          ? { kind: 'budget', amountMinor: Math.round(goalValue * 100) }
          : { kind: 'k', k: goalValue },
      currency: currency(),
      fees:
        fees() === 'deals'
          ? { source: 'deals' }
          : fees() === 'manual'
            ? {
                source: 'manual',
                fees: Object.entries(manual())
                  .filter(([, v]) => v.trim() !== '')
                  .map(([id, v]) => ({ accountId: Number(id), feeMinor: money(v, 'Fee') })),
              }
            : {
                source: 'rate_card',
                perThousandMinor: money(perThousand(), 'Rate per 1,000 followers'),
                minimumMinor: money(minimum(), 'Minimum fee'),
              },
      eligible:
        scope === 'all' || scope === 'shortlist'
          ? { kind: scope }
          : { kind: 'community', community: Number(scope.replace('community:', '')) },
      fixed: props.fixed.map((f) => f.accountId),
      model: model() === 'uniform' ? { kind: 'uniform', p: Number(p()) } : { kind: model() as 'wc' },
      epsilon: Number(epsilon()),
    };
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const created = await create(request());
      props.onCreated(created.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const radio = (name: string, value: string, label: string, checked: () => boolean, set: () => void) => (
    <label class="choice">
      <input type="radio" name={name} value={value} checked={checked()} onChange={set} /> {label}
    </label>
  );

  return (
    <form class="plan-form card" onSubmit={submit} aria-label="Plan the seeding">
      <fieldset>
        <legend>Goal</legend>
        {radio(
          'goal',
          'budget',
          'Spend a budget',
          () => goal() === 'budget',
          () => setGoal('budget'),
        )}
        {radio(
          'goal',
          'k',
          'Pick a number of accounts',
          () => goal() === 'k',
          () => setGoal('k'),
        )}
        <Show
          when={goal() === 'budget'}
          fallback={
            <label>
              Accounts{' '}
              <input type="number" min="1" value={k()} onInput={(e) => setK(e.currentTarget.value)} />
            </label>
          }
        >
          <label>
            Budget{' '}
            <input inputMode="decimal" value={budget()} onInput={(e) => setBudget(e.currentTarget.value)} />
          </label>
        </Show>
        <label>
          Currency{' '}
          <input
            size="4"
            value={currency()}
            onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Fees</legend>
        {radio(
          'fees',
          'rate_card',
          'Rate card by audience size',
          () => fees() === 'rate_card',
          () => setFees('rate_card'),
        )}
        {radio(
          'fees',
          'deals',
          'Fees agreed on deals',
          () => fees() === 'deals',
          () => setFees('deals'),
        )}
        {radio(
          'fees',
          'manual',
          'A fee per account (shortlist)',
          () => fees() === 'manual',
          () => setFees('manual'),
        )}
        <Switch>
          <Match when={fees() === 'rate_card'}>
            <label>
              Per 1,000 followers{' '}
              <input
                inputMode="decimal"
                value={perThousand()}
                onInput={(e) => setPerThousand(e.currentTarget.value)}
              />
            </label>
            <label>
              Minimum{' '}
              <input
                inputMode="decimal"
                value={minimum()}
                onInput={(e) => setMinimum(e.currentTarget.value)}
              />
            </label>
          </Match>
          <Match when={fees() === 'deals'}>
            <p class="muted">
              Only accounts whose contact has a deal with a fee in {currency()} can be picked.
            </p>
          </Match>
          <Match when={fees() === 'manual'}>
            <FeeTable
              shortlist={shortlist() ?? []}
              currency={currency()}
              fees={manual()}
              onChange={setManual}
            />
          </Match>
        </Switch>
      </fieldset>
      <fieldset>
        <legend>Accounts</legend>
        <label>
          Eligible{' '}
          <select value={eligible()} onChange={(e) => setEligible(e.currentTarget.value)}>
            <option value="all">Every account in the niche</option>
            <option value="shortlist">The shortlist ({shortlist()?.length ?? 0})</option>
            <For each={props.communities}>
              {(c) => <option value={`community:${c.id}`}>Community {c.label}</option>}
            </For>
          </select>
        </label>
        <p class="muted">Contacts marked do-not-contact are never picked.</p>
        <SignedPicker shortlist={shortlist() ?? []} fixed={props.fixed} onChange={props.onFixedChange} />
      </fieldset>
      <fieldset>
        <legend>Model</legend>
        <select aria-label="Model" value={model()} onChange={(e) => setModel(e.currentTarget.value as 'wc')}>
          <option value="wc">Weighted cascade (default)</option>
          <option value="uniform">Uniform probability</option>
          <option value="learned" disabled={!props.learned.available}>
            Learned from campaigns
            {props.learned.available
              ? ` (${props.learned.cascades} cascades, ${props.learned.reshares} reshares)`
              : ' (unavailable)'}
          </option>
        </select>
        <small class="muted">Learned: {props.learned.reason}</small>
        <Show when={model() === 'uniform'}>
          <label>
            p <input inputMode="decimal" value={p()} onInput={(e) => setP(e.currentTarget.value)} />
          </label>
        </Show>
        <label>
          ε <input inputMode="decimal" value={epsilon()} onInput={(e) => setEpsilon(e.currentTarget.value)} />
        </label>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Queueing…' : 'Compute plan'}
        </button>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
      </div>
    </form>
  );
}
