import { revalidate } from '@solidjs/router';
import { ErrorBoundary, type JSX, Show, Suspense } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {props.label ?? 'Loading…'}
    </p>
  );
}

export function ErrorNotice(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="error" role="alert">
      <p>{errorMessage(props.error)}</p>
      <Show when={props.retry}>
        <button type="button" onClick={() => props.retry?.()}>
          Try again
        </button>
      </Show>
    </div>
  );
}

export function EmptyState(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="empty">
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}

export function ComingSoon(props: { title: string; what: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <EmptyState title="Coming soon">
        <p>{props.what}</p>
      </EmptyState>
    </section>
  );
}

/**
 * Loads what its children read: a spinner while they wait, and on failure the error with a
 * retry that asks the server again (revalidates `query`'s key) before showing them anew.
 */
export function Loaded(props: { query: string; label: string; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <ErrorNotice
          error={error}
          retry={async () => {
            await revalidate(props.query);
            reset();
          }}
        />
      )}
    >
      <Suspense fallback={<Loading label={props.label} />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}
