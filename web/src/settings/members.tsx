import { createResource, createSignal, For, Show } from 'solid-js';
import { errorMessage, fieldErrors, trpc } from '../lib/trpc.ts';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';

const roleOptions = ['viewer', 'member', 'admin', 'owner'] as const;
type RoleOption = (typeof roleOptions)[number];

export function MembersSection() {
  const [members, { refetch }] = createResource(() => trpc.workspaces.members.query());
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    setError(undefined);
    try {
      await trpc.workspaces.addMember.mutate({
        email: String(data.get('email')),
        role: String(data.get('role')) as RoleOption,
        name: String(data.get('name') ?? '') || undefined,
        password: String(data.get('password') ?? '') || undefined,
      });
      form.reset();
      await refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const change = async (run: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await run();
    } catch (e) {
      setError(e);
    }
    await refetch();
  };

  return (
    <section class="card">
      <h2>Members</h2>
      <Show when={!members.loading || members()} fallback={<Loading />}>
        <Show when={!members.error} fallback={<ErrorNotice error={members.error} retry={refetch} />}>
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
                          change(() =>
                            trpc.workspaces.updateMember.mutate({
                              userId: m.userId,
                              role: e.currentTarget.value as RoleOption,
                            }),
                          )
                        }
                      >
                        <For each={roleOptions}>{(r) => <option value={r}>{r}</option>}</For>
                      </select>
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() =>
                          change(() => trpc.workspaces.removeMember.mutate({ userId: m.userId }))
                        }
                      >
                        Remove {m.email}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
      <form class="form" onSubmit={add}>
        <h3>Add a member</h3>
        <Field label="Member email" name="email" type="email" required errors={fieldErrors(error()).email} />
        <Field label="Member name" name="name" />
        <div class="field">
          <label for="member-role">Role</label>
          <select id="member-role" name="role">
            <For each={roleOptions}>
              {(r) => (
                <option value={r} selected={r === 'member'}>
                  {r}
                </option>
              )}
            </For>
          </select>
        </div>
        <Field
          label="Initial password"
          name="password"
          type="password"
          autocomplete="new-password"
          hint="Only for people without a Murmur account yet; share it with them privately."
          errors={fieldErrors(error()).password}
        />
        <Show when={error()}>
          <p class="error" role="alert">
            {errorMessage(error())}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          Add member
        </button>
      </form>
    </section>
  );
}
