import { A, createAsync, Navigate, useAction } from '@solidjs/router';
import { ErrorBoundary, For, type JSX, Show, Suspense } from 'solid-js';
import { getMe, signOut, switchWorkspace } from '../auth/auth.data.ts';
import { MeContext } from '../auth/session.ts';
import { ErrorNotice, Loading } from '../ui/feedback.tsx';

const sections = [
  ['/discover', 'Discover'],
  ['/contacts', 'Contacts'],
  ['/campaigns', 'Campaigns'],
  ['/outreach', 'Outreach'],
  ['/reports', 'Reports'],
  ['/settings', 'Settings'],
] as const;

export function AppShell(props: { children?: JSX.Element }) {
  const me = createAsync(() => getMe());
  const doSignOut = useAction(signOut);
  const switchTo = useAction(switchWorkspace);
  return (
    <Suspense fallback={<Loading />}>
      <Show when={me() !== undefined}>
        <Show when={me()} fallback={<Navigate href="/sign-in" />}>
          {(user) => (
            <MeContext.Provider value={me}>
              <div class="shell">
                <header class="topbar">
                  <a class="brand" href="/contacts">
                    Murmur
                  </a>
                  <label class="workspace-switch">
                    <span class="visually-hidden">Workspace</span>
                    <select
                      aria-label="Workspace"
                      value={user().workspaceId ?? ''}
                      onChange={(e) => switchTo(e.currentTarget.value)}
                    >
                      <For each={user().workspaces}>{(w) => <option value={w.id}>{w.name}</option>}</For>
                    </select>
                  </label>
                  <span class="who">
                    {user().user.name || user().user.email} · {user().role}
                  </span>
                  <button type="button" onClick={() => doSignOut()}>
                    Sign out
                  </button>
                </header>
                <nav class="sidebar" aria-label="Main">
                  <ul>
                    <For each={sections}>
                      {([href, label]) => (
                        <li>
                          <A href={href} activeClass="active">
                            {label}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </nav>
                <main class="content">
                  <ErrorBoundary fallback={(error, reset) => <ErrorNotice error={error} retry={reset} />}>
                    <Suspense fallback={<Loading />}>{props.children}</Suspense>
                  </ErrorBoundary>
                </main>
              </div>
            </MeContext.Provider>
          )}
        </Show>
      </Show>
    </Suspense>
  );
}
