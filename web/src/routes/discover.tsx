import { createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { createDemoNiche, getNiches, isBusy } from '../discover/discover.data.ts';
import { NewNicheForm } from '../discover/new-niche-form.tsx';
import { NicheList } from '../discover/niche-list.tsx';
import { usePolling } from '../lib/use-polling.ts';
import { EmptyState, ErrorNotice, Loading } from '../ui/feedback.tsx';

export default function DiscoverPage() {
  const me = useMe();
  const niches = createAsync(() => getNiches());
  const demo = useAction(createDemoNiche);
  const creatingDemo = useSubmission(createDemoNiche);
  const [showForm, setShowForm] = createSignal(false);
  // Statuses change in the background (crawl finished, scoring done): refresh while any is busy.
  usePolling(() => {
    if (niches()?.some((n) => isBusy(n.status) || n.upload?.status === 'pending')) revalidate(getNiches.key);
  }, 2000);
  return (
    <section>
      <div class="page-head">
        <h1>Discover</h1>
        <Show when={canWrite(me()) && !showForm()}>
          <button type="button" class="primary" onClick={() => setShowForm(true)}>
            New niche
          </button>
        </Show>
      </div>
      <Show when={showForm()}>
        <NewNicheForm onCancel={() => setShowForm(false)} />
      </Show>
      <Show when={niches()} fallback={<Loading label="Loading niches…" />}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <EmptyState title="No niches yet">
                <p>
                  A niche is a follower graph around a topic. Crawl one from Bluesky or Mastodon, import a
                  file, or look around a generated one first.
                </p>
                <Show when={canWrite(me())}>
                  <button
                    type="button"
                    class="primary"
                    disabled={creatingDemo.pending}
                    onClick={() => demo()}
                  >
                    {creatingDemo.pending ? 'Creating the demo…' : 'Try the demo niche'}
                  </button>
                </Show>
                <Show when={creatingDemo.error}>
                  <ErrorNotice error={creatingDemo.error} />
                </Show>
              </EmptyState>
            }
          >
            <NicheList niches={list()} />
          </Show>
        )}
      </Show>
    </section>
  );
}
