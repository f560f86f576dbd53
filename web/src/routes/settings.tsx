import { A, revalidate, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { canAdmin, useMe } from '../auth/session.ts';
import { StagesSection } from '../campaigns/stages-settings.tsx';
import { trpc } from '../lib/trpc.ts';
import { ApiKeysSection } from '../settings/api-keys.tsx';
import { MembersSection } from '../settings/members.tsx';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

export default function SettingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [error, setError] = createSignal<unknown>();
  const createWorkspace = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setError(undefined);
    try {
      await trpc.workspaces.create.mutate({ name: String(new FormData(form).get('name')) });
      form.reset();
      await revalidate();
      navigate('/contacts');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>Settings</h1>
      <Show
        when={canAdmin(me())}
        fallback={<p class="muted">Only admins and owners manage members and API keys.</p>}
      >
        <MembersSection />
        <ApiKeysSection />
        <StagesSection />
        <section class="card">
          <h2>Audit log</h2>
          <p>
            <A href="/settings/audit">See who changed which contact, deal, campaign or stage, and when.</A>
          </p>
        </section>
      </Show>
      <section class="card">
        <h2>New workspace</h2>
        <form class="form" onSubmit={createWorkspace}>
          <Field label="Workspace name" name="name" required />
          <Show when={error()}>
            <ErrorNotice error={error()} />
          </Show>
          <button type="submit" class="primary">
            Create workspace
          </button>
        </form>
      </section>
    </section>
  );
}
