import { A, createAsync, useAction, useParams, useSearchParams, useSubmission } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { AddShortlist } from '../campaigns/add-shortlist.tsx';
import { BoardView } from '../campaigns/board/board.tsx';
import { getCampaignTimeline, getOwners, removeCampaign } from '../campaigns/campaigns.data.ts';
import { formatMoney } from '../campaigns/money.ts';
import { CampaignProgress } from '../campaigns/progress.tsx';
import { getBoard } from '../deals/deals.data.ts';
import { DealsTable } from '../deals/deals-table.tsx';
import { Timeline } from '../deals/timeline.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Markdown } from '../ui/markdown.tsx';

const views = [
  ['board', 'Board'],
  ['table', 'Table'],
  ['timeline', 'Timeline'],
  ['brief', 'Brief'],
] as const;

export default function CampaignPage() {
  const params = useParams();
  const [search, setSearch] = useSearchParams<{ view?: string; owner?: string; tag?: string }>();
  const me = useMe();
  const board = createAsync(() => getBoard(params.id!, search.owner ?? '', search.tag ?? ''));
  const owners = createAsync(() => getOwners());
  const feed = createAsync(() =>
    search.view === 'timeline' ? getCampaignTimeline(params.id!) : Promise.resolve(undefined),
  );
  const view = () => search.view ?? 'board';
  const remove = useAction(removeCampaign);
  const removing = useSubmission(removeCampaign);
  const [confirming, setConfirming] = createSignal(false);
  let tagTimer: ReturnType<typeof setTimeout> | undefined;

  return (
    <Show when={board()} fallback={<Loading label="Loading the board…" />}>
      {(b) => {
        const c = () => b().campaign;
        return (
          <section class="campaign-page">
            <p>
              <A href="/campaigns">← All campaigns</A>
            </p>
            <div class="page-head">
              <h1>{c().name}</h1>
              <span class={`badge status-${c().status}`}>{c().status}</span>
            </div>
            <p class="muted">
              {c().client || 'No client'}
              <Show when={c().startsOn || c().endsOn}>
                {' '}
                · {c().startsOn ?? '…'} to {c().endsOn ?? '…'}
              </Show>
              <Show when={c().niches.length}> · niches: {c().niches.join(', ')}</Show>
              <Show when={c().goalReach}> · target reach {c().goalReach!.toLocaleString()}</Show>
              <Show when={c().goalEmvMinor}> · target EMV {formatMoney(c().goalEmvMinor, c().currency)}</Show>
            </p>
            <CampaignProgress
              progress={c().progress}
              budgetMinor={c().budgetMinor}
              currency={c().currency}
              goalPosts={c().goalPosts}
              campaignId={c().id}
            />
            <Show when={canWrite(me())}>
              <div class="actions">
                <A class="button" href={`/contacts?campaign=${c().id}`}>
                  Add contacts
                </A>
                <A class="button" href={`/campaigns/${c().id}/edit`}>
                  Edit campaign
                </A>
                <button type="button" class="danger" onClick={() => setConfirming(true)}>
                  Delete campaign
                </button>
              </div>
              <AddShortlist campaignId={c().id} />
            </Show>
            <nav class="tabs" aria-label="Campaign views">
              <For each={views}>
                {([key, label]) => (
                  <button
                    type="button"
                    aria-current={view() === key ? 'page' : undefined}
                    onClick={() => setSearch({ view: key === 'board' ? undefined : key })}
                  >
                    {label}
                  </button>
                )}
              </For>
            </nav>
            <Show when={view() === 'board' || view() === 'table'}>
              <div class="toolbar">
                <label for="board-owner">Owner</label>
                {/* `selected` on the options: the owners arrive after the URL's choice. */}
                <select
                  id="board-owner"
                  onChange={(e) => setSearch({ owner: e.currentTarget.value || undefined })}
                >
                  <option value="" selected={!search.owner}>
                    Everyone
                  </option>
                  <For each={owners() ?? []}>
                    {(o) => (
                      <option value={o.userId} selected={o.userId === search.owner}>
                        {o.name}
                      </option>
                    )}
                  </For>
                </select>
                <label for="board-tag">Tag</label>
                <input
                  id="board-tag"
                  type="search"
                  value={search.tag ?? ''}
                  onInput={(e) => {
                    const value = e.currentTarget.value.trim();
                    clearTimeout(tagTimer);
                    tagTimer = setTimeout(
                      () => setSearch({ tag: value || undefined }, { replace: true }),
                      300,
                    );
                  }}
                />
              </div>
            </Show>
            <Switch>
              <Match when={view() === 'board'}>
                <Show
                  when={b().cards.length > 0 || search.owner || search.tag}
                  fallback={
                    <div class="empty">
                      <h2>No deals yet</h2>
                      <p>
                        Select contacts on the <A href={`/contacts?campaign=${c().id}`}>Contacts</A> page and
                        add them to this campaign.
                      </p>
                    </div>
                  }
                >
                  <BoardView board={b()} canWrite={canWrite(me())} />
                </Show>
              </Match>
              <Match when={view() === 'table'}>
                <DealsTable board={b()} owners={owners() ?? []} canWrite={canWrite(me())} />
              </Match>
              <Match when={view() === 'timeline'}>
                <Show when={feed()} fallback={<Loading />}>
                  {(f) => <Timeline items={f().items} label="Campaign timeline" withContact />}
                </Show>
              </Match>
              <Match when={view() === 'brief'}>
                <div class="card">
                  <Show when={c().brief.trim()} fallback={<p class="muted">No brief yet.</p>}>
                    <Markdown source={c().brief} />
                  </Show>
                </div>
              </Match>
            </Switch>
            <Show when={removing.error}>
              <ErrorNotice error={removing.error} />
            </Show>
            <ConfirmDialog
              open={confirming()}
              title={`Delete ${c().name}?`}
              message="This removes the campaign and all its deals. To keep its history, set its status to archived instead."
              confirmLabel="Delete campaign"
              busy={removing.pending}
              onCancel={() => setConfirming(false)}
              onConfirm={() => remove(c().id).finally(() => setConfirming(false))}
            />
          </section>
        );
      }}
    </Show>
  );
}
