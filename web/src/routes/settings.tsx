import { A, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { canAdmin, useMe } from '../auth/session.ts';
import { StagesSection } from '../campaigns/stages-settings.tsx';
import { AccountSection } from '../settings/account.tsx';
import { ApiKeysSection } from '../settings/api-keys.tsx';
import { EmailSection } from '../settings/email.tsx';
import { MembersSection } from '../settings/members.tsx';
import { createWorkspace } from '../settings/settings.data.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

export default function SettingsPage() {
  const me = useMe();
  const creating = useSubmission(createWorkspace);
  return (
    <section>
      <h1>Settings</h1>
      <AccountSection />
      <EmailSection />
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
        <form action={createWorkspace} method="post" class="form">
          <Field label="Workspace name" name="name" required />
          <Show when={creating.error}>{(error) => <ErrorNotice error={error()} />}</Show>
          <button type="submit" class="primary" disabled={creating.pending}>
            Create workspace
          </button>
        </form>
      </section>
    </section>
  );
}
