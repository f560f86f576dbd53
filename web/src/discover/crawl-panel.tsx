import { createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { usePolling } from '../lib/use-polling.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { crawlCommand, getCrawlProgress, isBusy, type NicheDetails } from './discover.data.ts';
import { formatDuration, formatWhole, shortError } from './format.ts';

/** Crawl counters (polled every second while crawling), import status, and the crawl and scoring controls. */
export function CrawlPanel(props: { niche: NicheDetails; canWrite: boolean }) {
  const progress = createAsync(() => getCrawlProgress(props.niche.id));
  const command = useAction(crawlCommand);
  const submission = useSubmission(crawlCommand);
  usePolling(() => {
    if (props.niche.status === 'crawling') revalidate(getCrawlProgress.keyFor(props.niche.id));
  }, 1000);
  const status = () => props.niche.status;
  const run = () => progress() ?? props.niche.crawl;
  return (
    <section class="card crawl-panel" aria-label="Crawl and scoring">
      <Show when={props.niche.platform !== 'file' && run()}>
        {(p) => (
          <>
            <ProgressBar
              label="Crawl progress"
              fraction={p().fraction}
              text={`Crawl ${p().status}${p().phase ? ` · ${p().phase}` : ''}`}
            />
            <dl class="stats">
              <div>
                <dt>Requests</dt>
                <dd>
                  {formatWhole(p().requests)} / {formatWhole(p().budget.maxRequests)}
                </dd>
              </div>
              <div>
                <dt>Accounts</dt>
                <dd>{formatWhole(p().accounts)}</dd>
              </div>
              <div>
                <dt>Edges</dt>
                <dd>{formatWhole(p().edges)}</dd>
              </div>
              <div>
                <dt>Rate</dt>
                <dd>{p().ratePerMinute} req/min</dd>
              </div>
              <div>
                <dt>Errors</dt>
                <dd>
                  {formatWhole(p().errors)} ({formatWhole(p().rateLimited)} rate-limited)
                </dd>
              </div>
              <div>
                <dt>ETA</dt>
                <dd>{formatDuration(p().etaSeconds)}</dd>
              </div>
            </dl>
            <Show when={p().lastError}>
              {/* A crawl that finished anyway: its last error is a warning (e.g. seeds that failed). */}
              <Show when={p().status === 'done'} fallback={<p class="error">{shortError(p().lastError)}</p>}>
                <p class="notice" role="status">
                  Warning: {shortError(p().lastError)}
                </p>
              </Show>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.niche.upload}>
        {(u) => (
          <div>
            <ProgressBar
              label="Import progress"
              fraction={u().status === 'pending' ? null : 1}
              text={`${u().filename}: ${u().status === 'pending' ? (u().progress?.phase ?? 'waiting') : u().status}${
                u().progress
                  ? ` · ${formatWhole(u().progress!.accounts)} accounts · ${formatWhole(u().progress!.edges)} edges`
                  : ''
              }`}
            />
            <Show when={u().error}>
              <p class="error">{shortError(u().error)}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={status() === 'scoring'}>
        <ProgressBar label="Scoring progress" fraction={null} text="Scoring the niche…" />
      </Show>
      <Show when={props.canWrite}>
        <div class="actions">
          <Show when={status() === 'crawling'}>
            <button type="button" onClick={() => command(props.niche.id, 'pause')}>
              Pause
            </button>
          </Show>
          <Show when={status() === 'paused'}>
            <button type="button" onClick={() => command(props.niche.id, 'resume')}>
              Resume
            </button>
          </Show>
          <Show when={status() === 'crawling' || status() === 'paused'}>
            <button type="button" class="danger" onClick={() => command(props.niche.id, 'cancel')}>
              Cancel
            </button>
          </Show>
          <Show
            when={
              props.niche.platform !== 'file' &&
              (status() === 'idle' || status() === 'ready' || status() === 'failed')
            }
          >
            <button type="button" onClick={() => command(props.niche.id, 'start')}>
              {props.niche.crawl ? 'Crawl again' : 'Start crawl'}
            </button>
          </Show>
          <button
            type="button"
            disabled={isBusy(status()) || submission.pending}
            onClick={() => command(props.niche.id, 'score')}
          >
            Score now
          </button>
        </div>
      </Show>
      <Show when={submission.error}>
        <ErrorNotice error={submission.error} />
      </Show>
    </section>
  );
}
