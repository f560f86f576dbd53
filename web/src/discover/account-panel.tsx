import { A, createAsync, useAction } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';
import { Loading } from '../ui/feedback.tsx';
import {
  type AccountDetails,
  addToContacts as addToContactsAction,
  getAccount,
  setShortlisted as setShortlistedAction,
} from './discover.data.ts';
import {
  componentLabel,
  exclusionText,
  formatAttribute,
  formatCount,
  formatMetric,
  formatPercent,
  formatScore,
  formatWhole,
  platformLabel,
} from './format.ts';

/**
 * Profile data comes from remote servers: only an http(s) address becomes a link or an image,
 * never `javascript:` (the server drops those too; rows stored before it did may remain).
 */
const webLink = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** The side panel for one account: who they are, why they score what they score, and who is like them. */
export function AccountPanel(props: {
  nicheId: string;
  accountId: number;
  canWrite: boolean;
  onOpen: (accountId: number) => void;
  onClose: () => void;
}) {
  const details = createAsync(() => getAccount(props.nicheId, props.accountId));
  // Move focus into the panel when it opens, so keyboard users land on what they opened.
  let panel!: HTMLElement;
  onMount(() => panel.focus());
  return (
    <aside
      ref={panel}
      tabIndex={-1}
      class="account-panel"
      role="dialog"
      aria-labelledby="account-panel-title"
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <button type="button" class="close" aria-label="Close account panel" onClick={() => props.onClose()}>
        ×
      </button>
      <Show when={details()} fallback={<Loading label="Loading the account…" />}>
        {(d) => (
          <AccountBody
            details={d()}
            nicheId={props.nicheId}
            canWrite={props.canWrite}
            onOpen={props.onOpen}
          />
        )}
      </Show>
    </aside>
  );
}

function AccountBody(props: {
  details: AccountDetails;
  nicheId: string;
  canWrite: boolean;
  onOpen: (accountId: number) => void;
}) {
  const d = () => props.details;
  const name = () => d().profile.displayName || d().profile.handle;
  const setShortlisted = useAction(setShortlistedAction);
  const addToContacts = useAction(addToContactsAction);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; contactId?: string; error?: boolean }>();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  const toggleShortlist = () =>
    run(async () => {
      await setShortlisted(props.nicheId, d().profile.accountId, !d().shortlisted);
    });
  const toContacts = () =>
    run(async () => {
      const result = await addToContacts(props.nicheId, [d().profile.accountId]);
      setMessage({
        text: result.created ? `${name()} is now a contact.` : `${name()} was already a contact; linked.`,
        contactId: result.results[0]?.contactId,
      });
    });
  const maxContribution = () => Math.max(1, ...d().explanation.map((e) => e.contribution));
  return (
    <div class="account-body">
      <header class="account-head">
        <Show when={webLink(d().profile.avatarUrl)}>
          <img src={webLink(d().profile.avatarUrl)} alt="" width="56" height="56" class="avatar" />
        </Show>
        <div>
          <h2 id="account-panel-title">{name()}</h2>
          <p class="muted">@{d().profile.handle}</p>
        </div>
      </header>
      <Show when={webLink(d().profile.url)}>
        <p>
          <a href={webLink(d().profile.url)} target="_blank" rel="noopener noreferrer">
            View profile on {platformLabel[d().profile.platform] ?? 'the platform'}
          </a>
        </p>
      </Show>
      <Show when={d().profile.description}>
        <p class="notes">{d().profile.description}</p>
      </Show>
      <dl class="details compact">
        <dt>Rank</dt>
        <dd>{d().score ? `#${d().score!.rank}` : '—'}</dd>
        <dt>Score</dt>
        <dd>{formatScore(d().score?.score)}</dd>
        <dt>Followers</dt>
        <dd>{formatWhole(d().profile.followers)}</dd>
        <dt>Follows</dt>
        <dd>{formatWhole(d().profile.follows)}</dd>
        <dt>Posts</dt>
        <dd>{formatWhole(d().profile.posts)}</dd>
        <dt>Engagement</dt>
        <dd>{formatPercent(d().profile.engagementRate, 2)}</dd>
        <dt>Role</dt>
        <dd>
          {[
            d().profile.isSeed && 'Seed',
            d().profile.isAudience && 'Audience',
            d().profile.hiddenCollections && 'Hides follows',
          ]
            .filter(Boolean)
            .join(' · ') || '—'}
        </dd>
      </dl>
      <Show when={Object.keys(d().profile.attributes ?? {}).length > 0}>
        <h3>From the imported file</h3>
        <dl class="details compact" aria-label="Imported attributes">
          <For each={Object.entries(d().profile.attributes ?? {})}>
            {([key, value]) => (
              <>
                <dt>{key}</dt>
                <dd>{formatAttribute(value)}</dd>
              </>
            )}
          </For>
        </dl>
      </Show>
      <Show when={props.canWrite}>
        <div class="actions">
          <button type="button" disabled={busy()} onClick={toggleShortlist} aria-pressed={d().shortlisted}>
            {d().shortlisted ? 'Remove from shortlist' : 'Shortlist'}
          </button>
          <button type="button" class="primary" disabled={busy()} onClick={toContacts}>
            Add to contacts
          </button>
        </div>
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class={m().error ? 'error' : 'notice'} role="status">
            {m().text}{' '}
            <Show when={m().contactId}>
              <A href={`/contacts/${m().contactId}`}>Open contact</A>
            </Show>
          </p>
        )}
      </Show>

      <h3>Why this score</h3>
      <Show when={d().explanation.length} fallback={<p class="muted">Not scored yet.</p>}>
        <table class="table explanation">
          <caption class="visually-hidden">Score explanation</caption>
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Raw value</th>
              <th scope="col">Percentile</th>
              <th scope="col">Weight</th>
              <th scope="col">Contribution</th>
            </tr>
          </thead>
          <tbody>
            <For each={d().explanation}>
              {(e) => (
                <tr>
                  <th scope="row">{componentLabel[e.component] ?? e.component}</th>
                  <td>{formatMetric(e.raw)}</td>
                  <td>{formatPercent(e.percentile, 0)}</td>
                  <td>{e.excluded ? 'left out' : formatPercent(e.weight, 0)}</td>
                  <td>
                    <span class="bar" aria-hidden="true">
                      <span style={{ width: `${(100 * e.contribution) / maxContribution()}%` }} />
                    </span>
                    {e.contribution.toFixed(1)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={d().explanation.some((e) => e.excluded)}>
          <p class="muted" role="note">
            Left out of this niche's score:{' '}
            {d()
              .explanation.filter((e) => e.excluded)
              .map((e) => `${componentLabel[e.component] ?? e.component} (${exclusionText[e.excluded!]})`)
              .join(', ')}
            . Their weight is spread over the other components.
          </p>
        </Show>
      </Show>

      <h3>Lookalikes</h3>
      <Show
        when={d().lookalikes.length}
        fallback={
          <p class="muted">
            {d().graphAvailable
              ? 'No accounts share enough followers.'
              : 'This niche is too large to compare audiences here.'}
          </p>
        }
      >
        <ol class="lookalikes">
          <For each={d().lookalikes}>
            {(l) => (
              <li>
                <button type="button" class="link" onClick={() => props.onOpen(l.accountId)}>
                  {l.displayName || l.handle}
                </button>{' '}
                <span class="muted">
                  {formatPercent(l.similarity, 0)} similar · {formatCount(l.sharedFollowers)} shared followers
                  {l.rank ? ` · #${l.rank}` : ''}
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <h3>Overlap with the shortlist</h3>
      <Show
        when={d().overlap?.accounts.length}
        fallback={<p class="muted">Shortlist other accounts to compare audiences.</p>}
      >
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Shortlisted</th>
              <th scope="col">Jaccard</th>
              <th scope="col">Overlap coefficient</th>
              <th scope="col">Shared followers</th>
            </tr>
          </thead>
          <tbody>
            <For each={d().overlap!.accounts}>
              {(o) => (
                <tr>
                  <th scope="row">@{o.handle}</th>
                  <td>{formatPercent(o.jaccard)}</td>
                  <td>{formatPercent(o.overlapCoefficient)}</td>
                  <td>{formatWhole(o.sharedFollowers)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="muted">
          Combined unique reach: {formatWhole(d().overlap!.reachWithout)} followers without this account,{' '}
          {formatWhole(d().overlap!.combinedReach)} with it
          {d().overlap!.exact ? '' : ' (estimated)'}.
        </p>
      </Show>

      <h3>Rank history</h3>
      <Show when={d().history.length} fallback={<p class="muted">No scorings yet.</p>}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Scored</th>
              <th scope="col">Rank</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            <For each={d().history}>
              {(h) => (
                <tr>
                  <td>{new Date(h.createdAt).toLocaleString()}</td>
                  <td>{h.rank ? `#${h.rank} of ${formatWhole(h.nodeCount)}` : 'not ranked'}</td>
                  <td>{formatScore(h.score)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
