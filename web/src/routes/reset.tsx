/** "Forgot password?": /reset asks for the address, /reset/:token (the mailed link) sets a new password. */
import { A, useParams, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { requestReset, resetPassword } from '../auth/password-reset.data.ts';
import { fieldErrors } from '../lib/trpc.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

export default function ResetPage() {
  const params = useParams();
  return (
    <main class="auth-page">
      <Show when={params.token} fallback={<AskForLink />}>
        {(token) => <ChooseNewPassword token={token()} />}
      </Show>
    </main>
  );
}

function AskForLink() {
  const submission = useSubmission(requestReset);
  return (
    <form action={requestReset} method="post" class="card" aria-label="Reset your password">
      <h1>Reset your password</h1>
      <p class="muted">We e-mail you a link that works once, for one hour.</p>
      <Field
        label="Email"
        name="email"
        type="email"
        autocomplete="username"
        required
        errors={fieldErrors(submission.error).email}
      />
      <Show when={submission.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <Show when={!submission.pending && submission.result}>{(r) => <p role="status">{r().message}</p>}</Show>
      <button type="submit" class="primary" disabled={submission.pending}>
        {submission.pending ? 'Sending…' : 'Send me a reset link'}
      </button>
      <p>
        <A href="/sign-in">Back to sign-in</A>
      </p>
    </form>
  );
}

function ChooseNewPassword(props: { token: string }) {
  const submission = useSubmission(resetPassword);
  return (
    <form
      action={resetPassword.with(props.token)}
      method="post"
      class="card"
      aria-label="Choose a new password"
    >
      <h1>Choose a new password</h1>
      <Show
        when={!submission.pending && submission.result}
        fallback={
          <>
            <Field
              label="New password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              errors={fieldErrors(submission.error).password}
            />
            <Field
              label="New password again"
              name="confirm"
              type="password"
              autocomplete="new-password"
              required
            />
            <Show when={submission.error}>{(error) => <ErrorNotice error={error()} />}</Show>
            <button type="submit" class="primary" disabled={submission.pending}>
              {submission.pending ? 'Saving…' : 'Set new password'}
            </button>
          </>
        }
      >
        <p role="status">Your password is changed and every other session was signed out.</p>
        <p>
          <A href="/sign-in">Sign in with your new password</A>
        </p>
      </Show>
    </form>
  );
}
