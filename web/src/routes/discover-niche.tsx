import { A, createAsync, revalidate, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { AccountPanel } from '../discover/account-panel.tsx';
import { CrawlPanel } from '../discover/crawl-panel.tsx';
import { getCommunities, getNiche, isBusy } from '../discover/discover.data.ts';
import { formatWhole, platformLabel, shortError } from '../discover/format.ts';
import { ChangesTab, CommunitiesTab, MapTab } from '../discover/insights-tabs.tsx';
import { LeaderboardTable } from '../discover/leaderboard-table.tsx';
import { StatusBadge } from '../discover/status-badge.tsx';
import { usePolling } from '../lib/use-polling.ts';
import { PlanTab } from '../plans/plan-tab.tsx';
import { Loading } from '../ui/feedback.tsx';

const tabs = [
  ['leaderboard', 'Leaderboard'],
  ['map', 'Network map'],
  ['communities', 'Communities'],
  ['changes', 'Changes'],
  ['plan', 'Plan'],
] as const;
type Tab = (typeof tabs)[number][0];

export default function DiscoverNichePage() {
  const params = useParams();
  const [search, setSearch] = useSearchParams<{ tab?: string; account?: string }>();
  const me = useMe();
  const niche = createAsync(() => getNiche(params.id!));
  const latest = () => niche()?.snapshots[0]?.id;
  const communities = createAsync(async () => (latest() ? getCommunities(params.id!, latest()) : undefined));
  const tab = (): Tab => (tabs.some(([t]) => t === search.tab) ? (search.tab as Tab) : 'leaderboard');
  const account = () => (search.account ? Number(search.account) : undefined);
  const open = (accountId: number) => setSearch({ account: String(accountId) });
  usePolling(() => {
    const n = niche();
    if (n && (isBusy(n.status) || n.upload?.status === 'pending')) revalidate(getNiche.keyFor(n.id));
  }, 2000);
  const communityOptions = createMemo(() =>
    (communities()?.communities ?? []).map((c) => ({
      id: c.id,
      size: c.size,
      label: c.name,
    })),
  );
  const selectTab = (next: Tab) => setSearch({ tab: next === 'leaderboard' ? undefined : next });
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex(([t]) => t === tab());
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length][0];
    selectTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <Show when={niche()} fallback={<Loading label="Loading the niche…" />}>
      {(n) => {
        const panel = (id: Tab, content: () => JSX.Element) => (
          <Show when={tab() === id}>
            <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} class="tabpanel">
              {content()}
            </div>
          </Show>
        );
        return (
          <section class="niche-page" classList={{ 'with-panel': account() !== undefined }}>
            <p>
              <A href="/discover">← All niches</A>
            </p>
            <div class="page-head">
              <h1>{n().name}</h1>
              <div class="badges">
                <Show when={n().isDemo}>
                  <span class="badge demo">Demo data</span>
                </Show>
                <StatusBadge status={n().status} />
              </div>
            </div>
            <p class="muted">
              {platformLabel[n().platform] ?? n().platform} · {formatWhole(n().accountCount)} accounts ·{' '}
              {formatWhole(n().edgeCount)} edges
              <Show when={n().snapshots[0]}>
                {(s) => <> · scored {new Date(s().createdAt).toLocaleString()}</>}
              </Show>
            </p>
            <Show when={n().isDemo}>
              <p class="notice">
                This niche is generated demo data: the accounts and follows are not real people.
              </p>
            </Show>
            <Show when={n().lastError && n().status === 'failed'}>
              <p class="error">{shortError(n().lastError)}</p>
            </Show>
            <CrawlPanel niche={n()} canWrite={canWrite(me())} />
            <div class="tabs" role="tablist" aria-label="Niche views" onKeyDown={onTabKey}>
              <For each={tabs}>
                {([id, label]) => (
                  <button
                    type="button"
                    role="tab"
                    id={`tab-${id}`}
                    aria-selected={tab() === id}
                    aria-controls={`panel-${id}`}
                    tabIndex={tab() === id ? 0 : -1}
                    onClick={() => selectTab(id)}
                  >
                    {label}
                  </button>
                )}
              </For>
            </div>
            {panel('leaderboard', () => (
              <LeaderboardTable
                nicheId={n().id}
                snapshotId={latest()}
                communities={communityOptions()}
                canWrite={canWrite(me())}
                selected={account()}
                onOpen={open}
              />
            ))}
            {panel('map', () => (
              <MapTab nicheId={n().id} snapshotId={latest()} onOpen={open} />
            ))}
            {panel('communities', () => (
              <CommunitiesTab
                nicheId={n().id}
                snapshotId={latest()}
                canWrite={canWrite(me())}
                onOpen={open}
              />
            ))}
            {panel('changes', () => (
              <ChangesTab nicheId={n().id} snapshots={n().snapshots} onOpen={open} />
            ))}
            {panel('plan', () => (
              <PlanTab nicheId={n().id} canWrite={canWrite(me())} communities={communityOptions()} />
            ))}
            <Show when={account()}>
              {(id) => (
                <AccountPanel
                  nicheId={n().id}
                  accountId={id()}
                  canWrite={canWrite(me())}
                  onOpen={open}
                  onClose={() => setSearch({ account: undefined })}
                />
              )}
            </Show>
          </section>
        );
      }}
    </Show>
  );
}
