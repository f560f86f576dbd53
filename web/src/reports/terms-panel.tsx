import { revalidate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { errorMessage, trpc } from '../lib/trpc.ts';
import type { Report } from './reports.data.ts';

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** What the campaign's posts are recognised by, the follow budget, and the scans that use them. */
export function TermsPanel(props: { campaignId: string; tracking: Report['tracking'] }) {
  const me = useMe();
  const [busy, setBusy] = createSignal<string>();
  const [message, setMessage] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const run = async (label: string, work: () => Promise<string>) => {
    setBusy(label);
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await work());
      await revalidate(['report', 'dealTracking']);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    return run('Saving…', async () => {
      await trpc.tracking.setTerms.mutate({
        campaignId: props.campaignId,
        hashtags: list(String(form.get('hashtags') ?? '')),
        links: list(String(form.get('links') ?? '')),
        keywords: String(form.get('keywords') ?? '')
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
        followBudget: Number(form.get('followBudget') ?? 200),
      });
      return 'Saved.';
    });
  };
  return (
    <section class="card no-print">
      <h2>What Murmur looks for</h2>
      <p class="muted">
        Follow lists fetched to reconstruct cascades: {props.tracking.followRequestsUsed} of{' '}
        {props.tracking.followBudget} requests used.
      </p>
      <form class="form" onSubmit={save}>
        <div class="field">
          <label for="terms-hashtags">Hashtags</label>
          <input
            id="terms-hashtags"
            name="hashtags"
            value={props.tracking.hashtags.map((h) => `#${h}`).join(' ')}
          />
        </div>
        <div class="field">
          <label for="terms-links">Links</label>
          <input id="terms-links" name="links" value={props.tracking.links.join(' ')} />
        </div>
        <div class="field">
          <label for="terms-keywords">Keywords (comma-separated)</label>
          <input id="terms-keywords" name="keywords" value={props.tracking.keywords.join(', ')} />
        </div>
        <div class="field">
          <label for="terms-budget">Follow-list request budget</label>
          <input
            id="terms-budget"
            name="followBudget"
            type="number"
            min="0"
            value={props.tracking.followBudget}
          />
        </div>
        <Show when={canWrite(me())}>
          <div class="actions">
            <button type="submit" disabled={!!busy()}>
              Save
            </button>
            <button
              type="button"
              disabled={!!busy()}
              onClick={() =>
                run('Looking at the deals’ accounts…', async () => {
                  const r = await trpc.tracking.findPosts.mutate({ campaignId: props.campaignId });
                  return `${r.proposed} new posts proposed from ${r.scanned} accounts; confirm them on each deal.${r.failed.length ? ` Not reachable: ${r.failed.join('; ')}` : ''}`;
                })
              }
            >
              Find posts
            </button>
            <button
              type="button"
              disabled={!!busy()}
              onClick={() =>
                run('Searching…', async () => {
                  const r = await trpc.tracking.scanOrganic.mutate({ campaignId: props.campaignId });
                  return `${r.found} organic mentions found.`;
                })
              }
            >
              Search word of mouth
            </button>
          </div>
        </Show>
      </form>
      <Show when={busy()}>
        <p class="loading" role="status">
          <span class="spinner" aria-hidden="true" /> {busy()}
        </p>
      </Show>
      <Show when={message()}>
        <p class="notice" role="status">
          {message()}
        </p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
