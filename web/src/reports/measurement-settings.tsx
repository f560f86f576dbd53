import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { canAdmin, useMe } from '../auth/session.ts';
import { errorMessage, trpc } from '../lib/trpc.ts';
import { getMeasurementSettings } from './reports.data.ts';

/**
 * The workspace's measurement inputs: CPM per platform and impressions per account reached (the
 * advertising-equivalent estimate), and the Bluesky account used only for post search. Admins
 * change them; the app password is write-only.
 */
export function MeasurementSettings() {
  const me = useMe();
  const settings = createAsync(() => getMeasurementSettings());
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setError(undefined);
    setSaved(false);
    try {
      await trpc.tracking.saveSettings.mutate({
        cpmBlueskyMinor: Math.round(Number(text('cpmBluesky')) * 100),
        cpmMastodonMinor: Math.round(Number(text('cpmMastodon')) * 100),
        impressionsPerReach: Number(text('impressions')),
        ...(text('blueskyPassword')
          ? { bluesky: { identifier: text('blueskyIdentifier'), appPassword: text('blueskyPassword') } }
          : {}),
      });
      await revalidate(['measurementSettings', 'report']);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <details class="card no-print">
      <summary>Measurement settings</summary>
      <Show when={settings()}>
        {(s) => (
          <form class="form" onSubmit={save}>
            <div class="field">
              <label for="ms-cpm-bluesky">CPM on Bluesky ({s().currency})</label>
              <input
                id="ms-cpm-bluesky"
                name="cpmBluesky"
                type="number"
                step="0.01"
                min="0"
                value={s().cpmBlueskyMinor / 100}
              />
            </div>
            <div class="field">
              <label for="ms-cpm-mastodon">CPM on Mastodon ({s().currency})</label>
              <input
                id="ms-cpm-mastodon"
                name="cpmMastodon"
                type="number"
                step="0.01"
                min="0"
                value={s().cpmMastodonMinor / 100}
              />
            </div>
            <div class="field">
              <label for="ms-impressions">Impressions per account reached</label>
              <input
                id="ms-impressions"
                name="impressions"
                type="number"
                step="0.01"
                min="0"
                value={s().impressionsPerReach}
              />
            </div>
            <div class="field">
              <label for="ms-bsky-id">Bluesky account for post search</label>
              <input
                id="ms-bsky-id"
                name="blueskyIdentifier"
                value={s().blueskyIdentifier ?? ''}
                placeholder="you.bsky.social"
              />
            </div>
            <div class="field">
              <label for="ms-bsky-password">
                App password {s().hasBlueskyPassword ? '(stored; enter a new one to replace it)' : ''}
              </label>
              <input id="ms-bsky-password" name="blueskyPassword" type="password" autocomplete="off" />
            </div>
            <Show when={canAdmin(me())} fallback={<p class="muted">Admins change these settings.</p>}>
              <div class="actions">
                <button type="submit">Save settings</button>
              </div>
            </Show>
            <Show when={saved()}>
              <p class="notice" role="status">
                Saved.
              </p>
            </Show>
            <Show when={error()}>
              <p class="error" role="alert">
                {error()}
              </p>
            </Show>
          </form>
        )}
      </Show>
    </details>
  );
}
