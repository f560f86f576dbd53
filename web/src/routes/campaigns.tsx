import { A, createAsync, useSearchParams } from '@solidjs/router';
import { For, onCleanup, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { campaignStatuses, getCampaigns } from '../campaigns/campaigns.data.ts';
import { CampaignProgress } from '../campaigns/progress.tsx';
import { EmptyState, Loading } from '../ui/feedback.tsx';

export default function CampaignsPage() {
  const [params, setParams] = useSearchParams<{ status?: string; q?: string }>();
  const me = useMe();
  const list = createAsync(() => getCampaigns(params.status ?? '', params.q ?? ''));
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onSearch = (value: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: value || undefined }, { replace: true }), 250);
  };
  return (
    <section>
      <div class="page-head">
        <h1>Campaigns</h1>
        <Show when={canWrite(me())}>
          <A class="button primary" href="/campaigns/new">
            New campaign
          </A>
        </Show>
      </div>
      <div class="toolbar">
        <label for="campaign-search">Search campaigns</label>
        <input
          id="campaign-search"
          type="search"
          placeholder="Name or client"
          value={params.q ?? ''}
          onInput={(e) => onSearch(e.currentTarget.value)}
        />
        <label for="campaign-status-filter">Status</label>
        <select
          id="campaign-status-filter"
          value={params.status ?? ''}
          onChange={(e) => setParams({ status: e.currentTarget.value || undefined })}
        >
          <option value="">All but archived</option>
          <For each={campaignStatuses}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </div>
      <Show when={list()} fallback={<Loading label="Loading campaigns…" />}>
        {(items) => (
          <Show
            when={items().length > 0}
            fallback={
              <EmptyState title={params.q || params.status ? 'No campaigns match' : 'No campaigns yet'}>
                <p>A campaign carries influencers from shortlist to paid on a board.</p>
              </EmptyState>
            }
          >
            <ul class="campaign-list">
              <For each={items()}>
                {(c) => (
                  <li class="card">
                    <div class="page-head">
                      <h2>
                        <A href={`/campaigns/${c.id}`}>{c.name}</A>
                      </h2>
                      <span class={`badge status-${c.status}`}>{c.status}</span>
                    </div>
                    <p class="muted">
                      {c.client || 'No client'}
                      <Show when={c.startsOn || c.endsOn}>
                        {' '}
                        · {c.startsOn ?? '…'} to {c.endsOn ?? '…'}
                      </Show>
                      <Show when={c.ownerName || c.ownerEmail}> · owner {c.ownerName || c.ownerEmail}</Show>
                    </p>
                    <CampaignProgress
                      progress={c.progress}
                      budgetMinor={c.budgetMinor}
                      currency={c.currency}
                      goalPosts={c.goalPosts}
                    />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
