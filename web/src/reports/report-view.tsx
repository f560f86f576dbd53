import { createAsync } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { downloadText } from '../lib/download.ts';
import { errorMessage } from '../lib/trpc.ts';
import { EmptyState } from '../ui/feedback.tsx';
import { EmvPanel } from './emv-panel.tsx';
import { count, direct, earned, money, share } from './format.ts';
import { GoalsMeasured } from './goals.tsx';
import { InfluencerTable } from './influencer-table.tsx';
import { MeasurementSettings } from './measurement-settings.tsx';
import { Metric } from './metric.tsx';
import { PostCascades } from './post-cascades.tsx';
import { PostTable } from './post-table.tsx';
import { ReportChart } from './report-chart.tsx';
import { getReport, getReportCsv } from './reports.data.ts';
import { TermsPanel } from './terms-panel.tsx';
import './print.css';

/** One campaign's report: totals with formulas, chart, influencers, cascades, goals, EMV, word of mouth. */
export function ReportView(props: { campaignId: string }) {
  const report = createAsync(() => getReport(props.campaignId));
  const [exportError, setExportError] = createSignal<string>();
  const exportCsv = async (name: string) => {
    setExportError(undefined);
    try {
      const { csv } = await getReportCsv(props.campaignId);
      downloadText(`${name.replace(/[^\w-]+/g, '-').toLowerCase()}-report.csv`, csv);
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };
  return (
    <Show when={report()}>
      {(r) => {
        const t = () => r().totals;
        const f = () => r().formulas;
        return (
          <div class="report">
            <div class="page-head">
              <h2>{r().campaign.name}</h2>
              <div class="actions no-print">
                <button type="button" onClick={() => exportCsv(r().campaign.name)}>
                  Export CSV
                </button>
                <button type="button" onClick={() => window.print()}>
                  Print / Save as PDF
                </button>
              </div>
            </div>
            <Show when={exportError()}>
              <p class="error" role="alert">
                {exportError()}
              </p>
            </Show>
            <Show
              when={r().posts.length > 0}
              fallback={
                <EmptyState title="No tracked posts yet">
                  <p>
                    Open a deal and paste the live post’s address, or set the campaign’s hashtags below and
                    let Murmur find the posts.
                  </p>
                </EmptyState>
              }
            >
              <div class="metrics">
                <Metric label="Direct reach" formula={f().directReach}>
                  {direct(t().directReach, t().directReachKind)}
                </Metric>
                <Metric label="Earned reach" formula={f().earnedReach}>
                  {earned(t().earnedReach)}
                </Metric>
                <Metric label="Engagements" formula={f().engagements}>
                  {count(t().engagements)}
                </Metric>
                <Metric label="Engagement rate" formula={f().engagementRate}>
                  {share(t().engagementRate, 2)}
                </Metric>
                <Metric label="Cost per engagement" formula={f().costPerEngagement}>
                  {money(
                    t().costPerEngagementMinor === null ? null : Math.round(t().costPerEngagementMinor!),
                    r().campaign.currency,
                  )}
                </Metric>
                <Metric label="Cost per 1,000 reached" formula={f().costPerThousandReached}>
                  {money(
                    t().costPerThousandReachedMinor === null
                      ? null
                      : Math.round(t().costPerThousandReachedMinor!),
                    r().campaign.currency,
                  )}
                </Metric>
              </div>
              <section class="card">
                <Show
                  when={r().series.length > 1}
                  fallback={<p class="muted">The chart appears after the second poll.</p>}
                >
                  <ReportChart series={r().series} />
                </Show>
              </section>
              <section class="card">
                <h2>Influencers</h2>
                <InfluencerTable report={r()} />
              </section>
              <section class="card">
                <h2>Posts</h2>
                <PostTable report={r()} />
              </section>
              <PostCascades report={r()} />
            </Show>
            <section class="card">
              <h2>Goals</h2>
              <GoalsMeasured goals={r().goals} currency={r().emv.currency} />
            </section>
            <EmvPanel emv={r().emv} formula={f().emv} />
            <MeasurementSettings />
            <section class="card">
              <h2>Organic word of mouth</h2>
              <p class="muted">{f().organic}</p>
              <For each={r().organic.notes}>{(n) => <p class="notice">{n}</p>}</For>
              <Show
                when={r().organic.count > 0}
                fallback={
                  <p>{r().organic.lastScanAt ? 'No organic mentions found.' : 'Not searched yet.'}</p>
                }
              >
                <p>{r().organic.count} mentions by accounts outside the campaign.</p>
                <ul>
                  <For each={r().organic.mentions}>
                    {(m) => (
                      <li>
                        <a href={m.url} target="_blank" rel="noreferrer noopener">
                          {m.authorHandle}
                        </a>{' '}
                        <span class="muted">{m.text.slice(0, 120)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <TermsPanel campaignId={props.campaignId} tracking={r().tracking} />
          </div>
        );
      }}
    </Show>
  );
}
