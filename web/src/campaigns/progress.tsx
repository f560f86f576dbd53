import { createAsync } from '@solidjs/router';
import { Show } from 'solid-js';
import { GoalsMeasured } from '../reports/goals.tsx';
import { getReport } from '../reports/reports.data.ts';
import { Loaded } from '../ui/feedback.tsx';
import { formatMoney, percent } from './money.ts';

type Progress = {
  deals: number;
  committedMinor: number;
  paidMinor: number;
  otherCurrencyDeals: number;
  livePosts: number;
};

/** The campaign's goals against what tracking measured (posts live, reach, EMV estimate). */
function MeasuredGoals(props: { campaignId: string; currency: string }) {
  const report = createAsync(() => getReport(props.campaignId));
  return (
    <Loaded query="report" label="Measuring goals…">
      <Show when={report()}>{(r) => <GoalsMeasured goals={r().goals} currency={props.currency} />}</Show>
    </Loaded>
  );
}

/**
 * Committed and paid against the budget, and the goals: measured by tracking when `campaignId`
 * is given (the campaign page), else posts marked live on deals against the goal (the list).
 */
export function CampaignProgress(props: {
  progress: Progress;
  budgetMinor: number;
  currency: string;
  goalPosts: number | null;
  campaignId?: string;
}) {
  const over = () => props.budgetMinor > 0 && props.progress.committedMinor > props.budgetMinor;
  return (
    <div class="progress">
      <div>
        <span class="muted">Budget </span>
        <strong>{formatMoney(props.progress.committedMinor, props.currency)}</strong> committed ·{' '}
        {formatMoney(props.progress.paidMinor, props.currency)} paid
        <Show when={props.budgetMinor > 0}> of {formatMoney(props.budgetMinor, props.currency)}</Show>
        <Show when={over()}>
          <span class="badge warn"> over budget</span>
        </Show>
      </div>
      <Show when={props.budgetMinor > 0}>
        <div
          class="bar"
          role="meter"
          aria-label="Budget committed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent(props.progress.committedMinor, props.budgetMinor)}
        >
          <span
            class="bar-committed"
            style={{ width: `${percent(props.progress.committedMinor, props.budgetMinor)}%` }}
          />
          <span
            class="bar-paid"
            style={{ width: `${percent(props.progress.paidMinor, props.budgetMinor)}%` }}
          />
        </div>
      </Show>
      <div class="muted">
        {props.progress.deals} {props.progress.deals === 1 ? 'deal' : 'deals'}
        <Show when={!props.campaignId}>
          {' '}
          · {props.progress.livePosts}
          <Show when={props.goalPosts}> of {props.goalPosts}</Show> posts live
        </Show>
        <Show when={props.progress.otherCurrencyDeals > 0}>
          {' '}
          · {props.progress.otherCurrencyDeals} fees in other currencies not counted
        </Show>
      </div>
      <Show when={props.campaignId}>
        {(id) => <MeasuredGoals campaignId={id()} currency={props.currency} />}
      </Show>
    </div>
  );
}
