import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { fieldErrors } from '../lib/trpc.ts';
import { EmptyState, ErrorNotice, Loaded } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';
import { getInvitations, inviteMember, revokeInvitation, roleOptions } from './settings.data.ts';

/** Invitations not yet used: admins see who has a link out, until when, and can revoke it. */
export function InvitationsList() {
  return (
    <Loaded query={getInvitations.key} label="Loading invitations…">
      <PendingInvitations />
    </Loaded>
  );
}

function PendingInvitations() {
  const invitations = createAsync(() => getInvitations());
  const revoke = useAction(revokeInvitation);
  const revoking = useSubmission(revokeInvitation);
  return (
    <section aria-labelledby="pending-invitations">
      <h3 id="pending-invitations">Pending invitations</h3>
      <Show when={invitations()?.length} fallback={<EmptyState title="No pending invitations" />}>
        <ul class="plain">
          <For each={invitations()}>
            {(i) => (
              <li>
                <strong>{i.email}</strong> · {i.role} ·{' '}
                {i.status === 'expired' ? 'expired' : `expires ${new Date(i.expiresAt).toLocaleDateString()}`}{' '}
                <button
                  type="button"
                  disabled={revoking.pending}
                  onClick={() => revoke(i.id).catch(() => {})}
                >
                  Revoke invitation for {i.email}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={revoking.error}>{(error) => <ErrorNotice error={error()} />}</Show>
    </section>
  );
}

/** Creates an invitation and shows its link once, with a copy button, to hand to the person. */
export function InviteForm() {
  const submission = useSubmission(inviteMember);
  const [copied, setCopied] = createSignal(false);
  const link = () => {
    const result = submission.result;
    return result ? new URL(result.url, window.location.origin).href : undefined;
  };
  const copy = async () => {
    const url = link();
    if (!url) return;
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <form action={inviteMember} method="post" class="form" onSubmit={() => setCopied(false)}>
      <h3>Invite someone</h3>
      <p class="muted">
        We e-mail them a link when Murmur can send mail, and you can copy it; it works once, for 7 days. They
        choose their own password, or sign in if they already use Murmur.
      </p>
      <Field
        label="Email to invite"
        name="email"
        type="email"
        required
        errors={fieldErrors(submission.error).email}
      />
      <div class="field">
        <label for="invite-role">Role</label>
        <select id="invite-role" name="role">
          <For each={roleOptions}>
            {(r) => (
              <option value={r} selected={r === 'member'}>
                {r}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={submission.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <button type="submit" class="primary" disabled={submission.pending}>
        {submission.pending ? 'Creating invitation…' : 'Create invitation link'}
      </button>
      <Show when={!submission.pending && link()}>
        {(url) => (
          <div class="notice" role="status">
            <Show
              when={submission.result?.emailedTo}
              fallback={
                <p>
                  Invitation for {submission.result?.email} ({submission.result?.role}). Copy this link and
                  send it to them; it will not be shown again.
                </p>
              }
            >
              {(to) => (
                <p>
                  Invitation ({submission.result?.role}) sent to {to()}. You can also copy the link; it will
                  not be shown again.
                </p>
              )}
            </Show>
            <input class="secret" aria-label="Invitation link" readonly value={url()} />
            <button type="button" onClick={copy}>
              {copied() ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
      </Show>
    </form>
  );
}
