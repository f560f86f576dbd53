import { createAsync, Navigate, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { getSetupStatus, setup } from '../auth/auth.data.ts';
import { fieldErrors } from '../lib/trpc.ts';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

/** First run: the first user creates their account and workspace. */
export function SetupPage() {
  const status = createAsync(() => getSetupStatus());
  const submission = useSubmission(setup);
  const errors = () => fieldErrors(submission.error);
  return (
    <main class="auth-page">
      <Show when={status()} fallback={<Loading />}>
        {(s) => (
          <Show when={s().needsSetup} fallback={<Navigate href="/sign-in" />}>
            <form action={setup} method="post" class="card">
              <h1>Welcome to Murmur</h1>
              <p>
                Create the first account. You will own the first workspace and can invite your team later.
              </p>
              <Field label="Your name" name="name" autocomplete="name" required errors={errors().name} />
              <Field
                label="Email"
                name="email"
                type="email"
                autocomplete="email"
                required
                errors={errors().email}
              />
              <Field
                label="Password"
                name="password"
                type="password"
                autocomplete="new-password"
                required
                minLength={10}
                hint="At least 10 characters."
                errors={errors().password}
              />
              <Field label="Workspace name" name="workspaceName" required errors={errors().workspaceName} />
              <Show when={submission.error && Object.keys(errors()).length === 0}>
                <ErrorNotice error={submission.error} />
              </Show>
              <button type="submit" class="primary" disabled={submission.pending}>
                {submission.pending ? 'Creating…' : 'Create account'}
              </button>
            </form>
          </Show>
        )}
      </Show>
    </main>
  );
}
