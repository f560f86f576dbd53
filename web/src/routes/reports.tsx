import { createAsync, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { getCampaigns } from '../campaigns/campaigns.data.ts';
import { ReportView } from '../reports/report-view.tsx';
import { EmptyState, Loaded } from '../ui/feedback.tsx';

export default function ReportsPage() {
  const [search, setSearch] = useSearchParams<{ campaign?: string }>();
  const campaigns = createAsync(() => getCampaigns('', ''));
  return (
    <section>
      <h1>Reports</h1>
      <Loaded query="campaigns" label="Loading campaigns…">
        <Show
          when={(campaigns() ?? []).length > 0}
          fallback={
            <EmptyState title="No campaigns yet">
              <p>Create a campaign and track its posts to see what it earned.</p>
            </EmptyState>
          }
        >
          <div class="toolbar report-picker">
            <label for="report-campaign">Campaign</label>
            <select
              id="report-campaign"
              onChange={(e) => setSearch({ campaign: e.currentTarget.value || undefined })}
            >
              <option value="">Choose a campaign…</option>
              <For each={campaigns()}>
                {(c) => (
                  <option value={c.id} selected={c.id === search.campaign}>
                    {c.name}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
      </Loaded>
      <Show when={search.campaign} keyed>
        {(id) => (
          <Loaded query="report" label="Measuring…">
            <ReportView campaignId={id} />
          </Loaded>
        )}
      </Show>
    </section>
  );
}
