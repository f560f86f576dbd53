import { A, createAsync, revalidate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { usePolling } from '../lib/use-polling.ts';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { getCrawlProgress, isBusy, type NicheSummary } from './discover.data.ts';
import { formatDuration, formatWhole, platformLabel, shortError } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

export function CrawlProgressBar(props: { nicheId: string }) {
  const progress = createAsync(() => getCrawlProgress(props.nicheId));
  usePolling(() => revalidate(getCrawlProgress.keyFor(props.nicheId)), 1000);
  return (
    <Show when={progress()}>
      {(p) => (
        <ProgressBar
          label="Crawl progress"
          fraction={p().fraction}
          text={`${formatWhole(p().requests)} requests · ${formatWhole(p().accounts)} accounts · ${formatWhole(p().edges)} edges · ETA ${formatDuration(p().etaSeconds)}`}
        />
      )}
    </Show>
  );
}

export function NicheList(props: { niches: NicheSummary[] }) {
  return (
    <ul class="niche-list plain">
      <For each={props.niches}>
        {(niche) => (
          <li class="card niche-card">
            <div class="niche-card-head">
              <A href={`/discover/${niche.id}`} class="niche-name">
                {niche.name}
              </A>
              <Show when={niche.isDemo}>
                <span class="badge demo">Demo data</span>
              </Show>
              <StatusBadge status={niche.status} />
            </div>
            <p class="muted">
              {platformLabel[niche.platform] ?? niche.platform}
              <Show when={niche.latestSnapshot}>
                {(s) => (
                  <>
                    {' '}
                    · {formatWhole(s().nodeCount)} accounts · {formatWhole(s().edgeCount)} edges · scored{' '}
                    {new Date(s().createdAt).toLocaleString()}
                  </>
                )}
              </Show>
            </p>
            <Show when={niche.status === 'crawling'}>
              <CrawlProgressBar nicheId={niche.id} />
            </Show>
            <Show when={isBusy(niche.status) && niche.status !== 'crawling'}>
              <ProgressBar label={`${niche.name} progress`} fraction={null} text={`${niche.status}…`} />
            </Show>
            <Show when={niche.status === 'failed' && niche.lastError}>
              <p class="error">{shortError(niche.lastError)}</p>
            </Show>
            {/* A finished crawl keeps a lastError only as a warning, e.g. seeds that failed. */}
            <Show when={niche.status !== 'failed' && !isBusy(niche.status) && niche.lastError}>
              <p class="notice" role="status">
                Warning: {shortError(niche.lastError)}
              </p>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
