import { createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { ErrorBoundary, For, Show, Suspense } from 'solid-js';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { InvitationsList, InviteForm } from './invitations.tsx';
import { getMembers, type RoleOption, removeMember, roleOptions, updateMember } from './settings.data.ts';

export function MembersSection() {
  return (
    <section class="card">
      <h2>Members</h2>
      <ErrorBoundary
        fallback={(error, reset) => (
          <ErrorNotice
            error={error}
            retry={async () => {
              await revalidate(getMembers.key);
              reset();
            }}
          />
        )}
      >
        <Suspense fallback={<Loading label="Loading members…" />}>
          <MembersTable />
        </Suspense>
      </ErrorBoundary>
      <InvitationsList />
      <InviteForm />
    </section>
  );
}

function MembersTable() {
  const members = createAsync(() => getMembers());
  const changeRole = useAction(updateMember);
  const remove = useAction(removeMember);
  const changing = useSubmission(updateMember);
  const removing = useSubmission(removeMember);
  return (
    <>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={members()}>
            {(m) => (
              <tr>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) =>
                      changeRole(m.userId, e.currentTarget.value as RoleOption).catch(() => {})
                    }
                  >
                    <For each={roleOptions}>{(r) => <option value={r}>{r}</option>}</For>
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={removing.pending}
                    onClick={() => remove(m.userId).catch(() => {})}
                  >
                    Remove {m.email}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={changing.error || removing.error}>{(error) => <ErrorNotice error={error()} />}</Show>
    </>
  );
}
