import { createAsync } from '@solidjs/router';
import { createSignal, For, lazy, Show, Suspense } from 'solid-js';
import { Loading } from '../ui/feedback.tsx';
import { CommunityTitle } from './community-title.tsx';
import { getChanges, getCommunities, getMapData, type NicheDetails } from './discover.data.ts';
import { formatScore, formatWhole } from './format.ts';

const NetworkMap = lazy(() => import('./network-map.tsx'));

export function MapTab(props: { nicheId: string; snapshotId?: string; onOpen: (id: number) => void }) {
  const data = createAsync(() => getMapData(props.nicheId, props.snapshotId));
  return (
    <Suspense fallback={<Loading label="Loading the map…" />}>
      <Show when={data()}>
        {(d) => (
          <Show when={d().nodes.ids.length} fallback={<p class="empty">Not scored yet: nothing to map.</p>}>
            <NetworkMap data={d()} onOpen={props.onOpen} />
          </Show>
        )}
      </Show>
    </Suspense>
  );
}

export function CommunitiesTab(props: {
  nicheId: string;
  snapshotId?: string;
  canWrite?: boolean;
  onOpen: (id: number) => void;
}) {
  const data = createAsync(() => getCommunities(props.nicheId, props.snapshotId));
  return (
    <Show when={data()} fallback={<Loading label="Loading communities…" />}>
      {(d) => (
        <Show when={d().communities.length} fallback={<p class="empty">Not scored yet.</p>}>
          <ul class="communities plain">
            <For each={d().communities}>
              {(c) => (
                <li class="card">
                  <CommunityTitle
                    nicheId={props.nicheId}
                    snapshotId={d().snapshot?.id}
                    community={c}
                    canWrite={!!props.canWrite}
                  />
                  <ol>
                    <For each={c.topAccounts}>
                      {(a) => (
                        <li>
                          <button type="button" class="link" onClick={() => props.onOpen(a.accountId)}>
                            {a.displayName || a.handle}
                          </button>{' '}
                          <span class="muted">
                            #{a.rank} · score {formatScore(a.score)}
                          </span>
                        </li>
                      )}
                    </For>
                  </ol>
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  );
}

type Snapshot = NicheDetails['snapshots'][number];

export function ChangesTab(props: { nicheId: string; snapshots: Snapshot[]; onOpen: (id: number) => void }) {
  // Snapshots come newest first: compare the previous scoring with the latest by default. The
  // defaults follow the list as it grows: the tab is often open before the second scoring
  // exists (or while "Score now" runs), and a choice frozen at mount would stay empty.
  const [pickedFrom, setFrom] = createSignal<string>();
  const [pickedTo, setTo] = createSignal<string>();
  const known = (id: string | undefined) => (id && props.snapshots.some((s) => s.id === id) ? id : undefined);
  const from = () => known(pickedFrom()) ?? props.snapshots[1]?.id ?? '';
  const to = () => known(pickedTo()) ?? props.snapshots[0]?.id ?? '';
  const data = createAsync(async () =>
    from() && to() ? getChanges(props.nicheId, from(), to()) : undefined,
  );
  const label = (s: Snapshot) =>
    `${new Date(s.createdAt).toLocaleString()} (${formatWhole(s.nodeCount)} accounts)`;
  // `selected` on the options, not `value` on the select: the options can arrive after it.
  const picker = (id: string, text: string, value: () => string, set: (v: string) => void) => (
    <div class="field">
      <label for={id}>{text}</label>
      <select id={id} onChange={(e) => set(e.currentTarget.value)}>
        <For each={props.snapshots}>
          {(s) => (
            <option value={s.id} selected={s.id === value()}>
              {label(s)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
  type Change = {
    accountId: number;
    handle: string;
    displayName: string | null;
    rank: number;
    previousRank: number | null;
  };
  const list = (title: string, rows: Change[]) => (
    <section class="card">
      <h3>{title}</h3>
      <Show when={rows.length} fallback={<p class="muted">None.</p>}>
        <ol class="plain">
          <For each={rows}>
            {(r) => (
              <li>
                <button type="button" class="link" onClick={() => props.onOpen(r.accountId)}>
                  {r.displayName || r.handle}
                </button>{' '}
                <span class="muted">
                  {r.previousRank ? `#${r.previousRank} → #${r.rank}` : `new at #${r.rank}`}
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
  return (
    <Show
      when={props.snapshots.length > 1}
      fallback={<p class="empty">Score the niche again later to see who rose and fell.</p>}
    >
      <div class="toolbar">
        {picker('changes-from', 'From', from, setFrom)}
        {picker('changes-to', 'To', to, setTo)}
      </div>
      <Show when={data()} fallback={<Loading label="Comparing…" />}>
        {(d) => (
          <div class="changes">
            {list('Risers', d().risers)}
            {list('Fallers', d().fallers)}
            {list('Newcomers', d().newcomers)}
          </div>
        )}
      </Show>
    </Show>
  );
}
