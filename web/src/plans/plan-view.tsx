import { createAsync } from '@solidjs/router';
import { createSignal, For, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { formatMoney } from '../campaigns/money.ts';
import { usePolling } from '../lib/use-polling.ts';
import { Loading } from '../ui/feedback.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { PlanDealsForm } from './plan-deals-form.tsx';
import { getPlan, isComputing, type PlanResultView, refreshPlan } from './plans.data.ts';

const SpreadChart = lazy(() => import('./spread-chart.tsx'));

const phaseText: Record<string, string> = {
  queued: 'Waiting for a worker',
  loading: 'Loading the niche',
  estimate: 'Estimating the optimum',
  sample: 'Sampling reverse-reachable sets',
  select: 'Choosing accounts',
  validate: 'Certifying the guarantee',
  simulate: 'Simulating cascades',
  baselines: 'Comparing with simple rankings',
  curve: 'Tracing spread against budget',
};

type Strategy = PlanResultView['plan'];
type Fixed = { accountId: number; label: string };

/** One plan: its progress while computing, then the picks, the comparison, the guarantee and the curve. */
export function PlanView(props: {
  nicheId: string;
  planId: string;
  canWrite: boolean;
  onReplan: (fixed: Fixed[]) => void;
}) {
  const plan = createAsync(() => getPlan(props.planId));
  usePolling(() => {
    const p = plan();
    if (p && isComputing(p.status)) void refreshPlan(props.nicheId, p.id);
  }, 1000);
  const [keep, setKeep] = createSignal<Set<number>>(new Set());
  const toggle = (id: number) => {
    const next = new Set(keep());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setKeep(next);
  };
  return (
    <Show when={plan()} fallback={<Loading label="Loading the plan…" />}>
      {(p) => {
        const currency = () => p().inputs.currency;
        const money = (minor: number | null) => formatMoney(minor, currency());
        const spread = (s: Strategy) =>
          `${s.spread.mean.toFixed(1)} (95% CI ${s.spread.low.toFixed(1)}–${s.spread.high.toFixed(1)})`;
        const row = (label: string, s: Strategy | null) => (
          <tr>
            <th scope="row">{label}</th>
            <Show when={s} fallback={<td colSpan={3}>The niche has not been scored yet.</td>}>
              {(x) => (
                <>
                  <td>{spread(x())}</td>
                  <td>{money(x().costMinor)}</td>
                  <td>{x().picks.length}</td>
                </>
              )}
            </Show>
          </tr>
        );
        return (
          <section class="plan-view" aria-label="Plan result">
            <Switch>
              <Match when={isComputing(p().status)}>
                <ProgressBar
                  label="Planning progress"
                  fraction={p().progress?.fraction ?? 0}
                  text={`${phaseText[p().progress?.phase ?? 'queued'] ?? p().progress?.phase}… ${Math.round((p().progress?.fraction ?? 0) * 100)}%`}
                />
              </Match>
              <Match when={p().status === 'failed'}>
                <p class="error" role="alert">
                  This plan failed: {p().error ?? 'unknown reason'}
                </p>
              </Match>
              <Match when={p().result}>
                {(r) => (
                  <>
                    <p class="muted">
                      {r().model.label}. {r().eligibleCount.toLocaleString()} eligible of{' '}
                      {r().nodeCount.toLocaleString()} accounts
                      {r().excluded.doNotContact
                        ? `; ${r().excluded.doNotContact} do-not-contact left out`
                        : ''}
                      {r().excluded.withoutFee
                        ? `; ${r().excluded.withoutFee} without a known fee left out`
                        : ''}
                      . Seed {p().seed}.
                    </p>
                    <table class="plan-compare" aria-label="Expected spread by strategy">
                      <thead>
                        <tr>
                          <th scope="col">Strategy</th>
                          <th scope="col">Expected reach</th>
                          <th scope="col">Cost</th>
                          <th scope="col">Accounts</th>
                        </tr>
                      </thead>
                      <tbody>
                        {row('This plan', r().plan)}
                        {row('Top by followers', r().byFollowers)}
                        {row('Top by Murmur score', r().byScore)}
                      </tbody>
                    </table>
                    <p class="notice plan-guarantee">{r().guarantee.sentence}</p>
                    <table class="plan-picks" aria-label="Chosen accounts">
                      <thead>
                        <tr>
                          <th scope="col">#</th>
                          <th scope="col">Account</th>
                          <th scope="col">Followers</th>
                          <th scope="col">Fee</th>
                          <th scope="col">Marginal gain</th>
                          <th scope="col">Keep as signed</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={r().plan.picks}>
                          {(pick, i) => (
                            <tr>
                              <td>{i() + 1}</td>
                              <td>
                                {pick.displayName || pick.handle}{' '}
                                <Show when={pick.displayName}>
                                  <span class="muted">@{pick.handle.replace(/^@/, '')}</span>
                                </Show>
                                {pick.fixed ? <span class="badge">signed</span> : null}
                              </td>
                              <td>{pick.followers === null ? '—' : pick.followers.toLocaleString()}</td>
                              <td>{money(pick.feeMinor)}</td>
                              <td>{pick.marginalGain === null ? '—' : `+${pick.marginalGain.toFixed(1)}`}</td>
                              <td>
                                <input
                                  type="checkbox"
                                  aria-label={`Keep ${pick.handle} as signed`}
                                  checked={pick.fixed || keep().has(pick.accountId)}
                                  onChange={() => toggle(pick.accountId)}
                                />
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                    <div class="actions">
                      <button
                        type="button"
                        disabled={!props.canWrite}
                        onClick={() =>
                          props.onReplan(
                            r()
                              .plan.picks.filter((x) => x.fixed || keep().has(x.accountId))
                              .map((x) => ({ accountId: x.accountId, label: x.displayName || x.handle })),
                          )
                        }
                      >
                        Re-plan keeping the checked accounts
                      </button>
                    </div>
                    <Show when={props.canWrite}>
                      <PlanDealsForm planId={p().id} currency={currency()} />
                    </Show>
                    <h3>
                      Expected spread against {p().inputs.goal.kind === 'budget' ? 'budget' : 'accounts'}
                    </h3>
                    <Suspense fallback={<Loading label="Drawing the chart…" />}>
                      <SpreadChart
                        curve={r().curve}
                        byBudget={p().inputs.goal.kind === 'budget'}
                        formatX={(v) => (p().inputs.goal.kind === 'budget' ? money(v) : String(v))}
                      />
                    </Suspense>
                  </>
                )}
              </Match>
            </Switch>
          </section>
        );
      }}
    </Show>
  );
}
