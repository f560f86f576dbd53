import { A, createAsync, revalidate, useParams, useSubmission } from '@solidjs/router';
import { ErrorBoundary, Match, Show, Suspense, Switch } from 'solid-js';
import { getMe } from '../auth/session.ts';
import { fieldErrors } from '../lib/trpc.ts';
import { acceptInvitation, getInvitationByToken } from '../settings/settings.data.ts';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

const refused = {
  expired: 'This invitation has expired. Ask whoever invited you for a new link.',
  used: 'This invitation has already been used. Sign in instead, or ask for a new link.',
  revoked: 'This invitation was revoked. Ask whoever invited you for a new link.',
} as const;

/** Opening an invitation link: choose a password (or enter yours) and join the workspace. */
export default function InvitePage() {
  const params = useParams();
  return (
    <main class="auth-page">
      <div class="card">
        <ErrorBoundary
          fallback={(error, reset) => (
            <>
              <h1>Invitation</h1>
              <ErrorNotice
                error={error}
                retry={async () => {
                  await revalidate(getInvitationByToken.keyFor(params.token ?? ''));
                  reset();
                }}
              />
              <p>
                <A href="/sign-in">Go to sign-in</A>
              </p>
            </>
          )}
        >
          <Suspense fallback={<Loading label="Opening the invitation…" />}>
            <Invitation token={params.token ?? ''} />
          </Suspense>
        </ErrorBoundary>
      </div>
    </main>
  );
}

function Invitation(props: { token: string }) {
  const invitation = createAsync(() => getInvitationByToken(props.token));
  const me = createAsync(() => getMe());
  const submission = useSubmission(acceptInvitation);
  const errors = () => fieldErrors(submission.error);
  return (
    <Show when={invitation()}>
      {(i) => (
        <>
          <h1>Join {i().workspaceName}</h1>
          <Switch>
            <Match when={i().status !== 'pending'}>
              <p class="error" role="alert">
                {refused[i().status as keyof typeof refused]}
              </p>
              <p>
                <A href="/sign-in">Go to sign-in</A>
              </p>
            </Match>
            <Match when={me()?.user.email === i().email}>
              <p>
                You are signed in as {i().email}. Join {i().workspaceName} as {i().role}?
              </p>
              <form action={acceptInvitation.with(props.token)} method="post">
                <Show when={submission.error}>{(error) => <ErrorNotice error={error()} />}</Show>
                <button type="submit" class="primary" disabled={submission.pending}>
                  {submission.pending ? 'Joining…' : `Join ${i().workspaceName}`}
                </button>
              </form>
            </Match>
            <Match when={true}>
              <form action={acceptInvitation.with(props.token)} method="post" class="form">
                <p>
                  You are invited as <strong>{i().role}</strong> with the email <strong>{i().email}</strong>.
                  The link works until {new Date(i().expiresAt).toLocaleString()}.
                </p>
                <Field label="Your name" name="name" autocomplete="name" errors={errors().name} />
                <Field
                  label="Password"
                  name="password"
                  type="password"
                  autocomplete="new-password"
                  required
                  minLength={10}
                  hint={`New to Murmur? Choose a password of at least 10 characters. Already have an account as ${i().email}? Enter its password.`}
                  errors={errors().password}
                />
                <Show when={submission.error && !errors().password && !errors().name}>
                  <ErrorNotice error={submission.error} />
                </Show>
                <button type="submit" class="primary" disabled={submission.pending}>
                  {submission.pending ? 'Joining…' : `Join ${i().workspaceName}`}
                </button>
              </form>
            </Match>
          </Switch>
        </>
      )}
    </Show>
  );
}
