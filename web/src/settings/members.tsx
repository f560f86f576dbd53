import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { ErrorNotice, Loaded } from '../ui/feedback.tsx';
import { InvitationsList, InviteForm } from './invitations.tsx';
import { getMembers, type RoleOption, removeMember, roleOptions, updateMember } from './settings.data.ts';

export function MembersSection() {
  return (
    <section class="card">
      <h2>Members</h2>
      <Loaded query={getMembers.key} label="Loading members…">
        <MembersTable />
      </Loaded>
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
