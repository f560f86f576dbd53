import { A, createAsync, Navigate, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { getSetupStatus, signIn } from '../auth/auth.data.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

export function SignInPage() {
  const status = createAsync(() => getSetupStatus());
  const submission = useSubmission(signIn);
  return (
    <main class="auth-page">
      <Show when={status()?.needsSetup}>
        <Navigate href="/setup" />
      </Show>
      <form action={signIn} method="post" class="card">
        <h1>Sign in to Murmur</h1>
        <Field label="Email" name="email" type="email" autocomplete="username" required />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required />
        <Show when={submission.error}>
          <ErrorNotice error={submission.error} />
        </Show>
        <button type="submit" class="primary" disabled={submission.pending}>
          {submission.pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <A href="/reset">Forgot password?</A>
        </p>
      </form>
    </main>
  );
}
