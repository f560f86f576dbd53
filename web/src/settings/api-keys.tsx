import { createResource, createSignal, For, Show } from 'solid-js';
import { trpc } from '../lib/trpc.ts';
import { EmptyState, ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

export function ApiKeysSection() {
  const [keys, { refetch }] = createResource(() => trpc.apiKeys.list.query());
  const [created, setCreated] = createSignal<string>();
  const [error, setError] = createSignal<unknown>();

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setError(undefined);
    try {
      const key = await trpc.apiKeys.create.mutate({
        name: String(data.get('name')),
        role: String(data.get('role')) as 'viewer' | 'member' | 'admin',
      });
      setCreated(key.secret);
      form.reset();
      await refetch();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (id: string) => {
    try {
      await trpc.apiKeys.remove.mutate({ id });
    } catch (e) {
      setError(e);
    }
    await refetch();
  };

  return (
    <section class="card">
      <h2>API keys</h2>
      <p class="muted">
        Use a key as <code>Authorization: Bearer …</code> to call the same API at <code>/trpc</code>.
      </p>
      <Show when={created()}>
        <div class="notice" role="status">
          <p>Copy this key now: it will not be shown again.</p>
          <code class="secret">{created()}</code>
        </div>
      </Show>
      <Show
        when={keys()}
        fallback={keys.error ? <ErrorNotice error={keys.error} retry={refetch} /> : <Loading />}
      >
        {(list) => (
          <Show when={list().length} fallback={<EmptyState title="No API keys" />}>
            <ul class="plain">
              <For each={list()}>
                {(k) => (
                  <li>
                    <strong>{k.name}</strong> <code>{k.prefix}…</code> · {k.role} · last used{' '}
                    {k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}{' '}
                    <button type="button" onClick={() => revoke(k.id)}>
                      Revoke {k.name}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <form class="form" onSubmit={create}>
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
        <Show when={error()}>
          <ErrorNotice error={error()} />
        </Show>
        <button type="submit" class="primary">
          Create API key
        </button>
      </form>
    </section>
  );
}
