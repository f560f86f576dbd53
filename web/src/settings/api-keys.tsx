import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { EmptyState, ErrorNotice, Loaded } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';
import { createApiKey, getApiKeys, revokeApiKey } from './settings.data.ts';

export function ApiKeysSection() {
  const created = useSubmission(createApiKey);
  return (
    <section class="card">
      <h2>API keys</h2>
      <p class="muted">
        Use a key as <code>Authorization: Bearer …</code> to call the same API at <code>/trpc</code>.
      </p>
      <Show when={!created.pending && created.result}>
        {(key) => (
          <div class="notice" role="status">
            <p>Copy this key now: it will not be shown again.</p>
            <code class="secret">{key().secret}</code>
          </div>
        )}
      </Show>
      <Loaded query={getApiKeys.key} label="Loading API keys…">
        <KeyList />
      </Loaded>
      <form action={createApiKey} method="post" class="form">
        <Field label="Key name" name="name" required />
        <div class="field">
          <label for="key-role">Key role</label>
          <select id="key-role" name="role">
            <option value="viewer">viewer</option>
            <option value="member" selected>
              member
            </option>
            <option value="admin">admin</option>
          </select>
        </div>
        <Show when={created.error}>{(error) => <ErrorNotice error={error()} />}</Show>
        <button type="submit" class="primary" disabled={created.pending}>
          Create API key
        </button>
      </form>
    </section>
  );
}

function KeyList() {
  const keys = createAsync(() => getApiKeys());
  const revoke = useAction(revokeApiKey);
  const revoking = useSubmission(revokeApiKey);
  return (
    <>
      <Show when={keys()?.length} fallback={<EmptyState title="No API keys" />}>
        <ul class="plain">
          <For each={keys()}>
            {(k) => (
              <li>
                <strong>{k.name}</strong> <code>{k.prefix}…</code> · {k.role} · last used{' '}
                {k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}{' '}
                <button
                  type="button"
                  disabled={revoking.pending}
                  onClick={() => revoke(k.id).catch(() => {})}
                >
                  Revoke {k.name}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={revoking.error}>{(error) => <ErrorNotice error={error()} />}</Show>
    </>
  );
}
