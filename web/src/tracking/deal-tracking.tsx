import { createAsync, useAction } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';
import { Loaded } from '../ui/feedback.tsx';
import { decideProposal, getDealTracking, pollNow, type TrackedPost, trackPost } from './tracking.data.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function Snapshots(props: { post: TrackedPost }) {
  return (
    <Show when={props.post.snapshots.length > 0} fallback={<p class="muted">Not polled yet.</p>}>
      <details>
        <summary>
          {props.post.snapshots.length} snapshots · latest {props.post.snapshots.at(-1)!.likes} likes,{' '}
          {props.post.snapshots.at(-1)!.reposts} reposts, {props.post.snapshots.at(-1)!.quotes} quotes,{' '}
          {props.post.snapshots.at(-1)!.replies} replies
        </summary>
        <table class="table" aria-label="Snapshots">
          <thead>
            <tr>
              <th scope="col">Polled</th>
              <th scope="col">Likes</th>
              <th scope="col">Reposts</th>
              <th scope="col">Quotes</th>
              <th scope="col">Replies</th>
            </tr>
          </thead>
          <tbody>
            <For each={[...props.post.snapshots].reverse()}>
              {(s) => (
                <tr>
                  <td>{when(s.at)}</td>
                  <td>{s.likes}</td>
                  <td>{s.reposts}</td>
                  <td>{s.quotes}</td>
                  <td>{s.replies}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </Show>
  );
}

/** The deal's live posts: paste one to track it, confirm found ones, watch the snapshots. */
export function DealTracking(props: { dealId: string; canWrite: boolean }) {
  const posts = createAsync(() => getDealTracking(props.dealId));
  const track = useAction(trackPost);
  const decide = useAction(decideProposal);
  const poll = useAction(pollNow);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [warning, setWarning] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const url = String(new FormData(form).get('url') ?? '').trim();
    if (!url) return;
    setBusy(true);
    setError(undefined);
    setWarning(undefined);
    try {
      const result = await track(props.dealId, url);
      if (result.authorMismatch)
        setWarning(
          `Tracking, but ${result.authorHandle} is not one of this influencer’s accounts on the contact.`,
        );
      form.reset();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const guard = (work: () => Promise<unknown>) => work().catch((e) => setError(errorMessage(e)));
  return (
    <section class="card">
      <h2>Live posts</h2>
      <Show when={props.canWrite}>
        <form class="form inline" onSubmit={submit}>
          <div class="field">
            <label for="track-url">Post address (Bluesky or Mastodon)</label>
            <input id="track-url" name="url" placeholder="https://bsky.app/profile/…/post/…" />
          </div>
          <button type="submit" disabled={busy()}>
            {busy() ? 'Resolving…' : 'Track post'}
          </button>
        </form>
      </Show>
      <Show when={warning()}>
        <p class="notice warn" role="status">
          {warning()}
        </p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Loaded query="dealTracking" label="Loading tracked posts…">
        <Show
          when={(posts() ?? []).length > 0}
          fallback={<p class="muted">No posts tracked on this deal yet.</p>}
        >
          <ul class="tracked-posts">
            <For each={posts()}>
              {(p) => (
                <li class={`tracked ${p.status}`}>
                  <p>
                    <a href={p.url} target="_blank" rel="noreferrer noopener">
                      {p.authorHandle}
                    </a>{' '}
                    <span class="badge">{p.status === 'proposed' ? 'found — confirm?' : p.status}</span>
                    <Show when={p.authorMismatch}>
                      <span class="badge warn">not the influencer</span>
                    </Show>{' '}
                    <span class="muted">{p.text.slice(0, 140)}</span>
                  </p>
                  <Show when={p.status === 'proposed' && props.canWrite}>
                    <div class="actions">
                      <button type="button" onClick={() => guard(() => decide(p.id, 'confirm'))}>
                        Confirm and track
                      </button>
                      <button type="button" onClick={() => guard(() => decide(p.id, 'dismiss'))}>
                        Not a campaign post
                      </button>
                    </div>
                  </Show>
                  <Show when={p.status !== 'proposed' && p.status !== 'dismissed'}>
                    <p class="muted">
                      Posted {when(p.postedAt)} · last polled {when(p.lastPolledAt)}
                      <Show when={p.nextPollAt}> · next {when(p.nextPollAt)}</Show>
                      <Show when={p.lastError}> · last poll failed: {p.lastError}</Show>
                      <Show when={p.status === 'tracking' && props.canWrite}>
                        {' '}
                        <button type="button" class="link" onClick={() => guard(() => poll(p.id))}>
                          Poll now
                        </button>
                      </Show>
                    </p>
                    <Snapshots post={p} />
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Loaded>
    </section>
  );
}
