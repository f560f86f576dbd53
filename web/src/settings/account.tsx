import { useAction, useSubmission } from '@solidjs/router';
import { createEffect, on, Show } from 'solid-js';
import { fieldErrors } from '../lib/trpc.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';
import { changePassword, signOutEverywhere } from './settings.data.ts';

/** The signed-in person's own account: password and sessions. */
export function AccountSection() {
  const changing = useSubmission(changePassword);
  const signOutAll = useAction(signOutEverywhere);
  const signingOut = useSubmission(signOutEverywhere);
  let form: HTMLFormElement | undefined;
  // A changed password should not stay typed into the page.
  createEffect(
    on(
      () => changing.result,
      (result) => result?.changed && form?.reset(),
    ),
  );
  return (
    <section class="card">
      <h2>Account</h2>
      <form ref={form} action={changePassword} method="post" class="form">
        <h3>Change password</h3>
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          errors={fieldErrors(changing.error).currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          minLength={10}
          required
          hint="At least 10 characters. Your other signed-in browsers will be signed out."
          errors={fieldErrors(changing.error).newPassword}
        />
        <Show when={changing.error}>{(error) => <ErrorNotice error={error()} />}</Show>
        <Show when={!changing.pending && changing.result?.changed}>
          <p class="notice" role="status">
            Password changed. Other browsers are signed out.
          </p>
        </Show>
        <button type="submit" class="primary" disabled={changing.pending}>
          {changing.pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
      <div class="form">
        <h3>Sessions</h3>
        <p class="muted">Signs you out on every browser and device, this one included.</p>
        <Show when={signingOut.error}>{(error) => <ErrorNotice error={error()} />}</Show>
        <button type="button" disabled={signingOut.pending} onClick={() => signOutAll().catch(() => {})}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
