import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Contact } from './contacts.data.ts';

const score = (n: number | null) => (n == null ? 'not scored' : `score ${n.toFixed(1)}`);

/** Where a contact was found in Discover: the niche (linked back to the account), and its score then. */
export function ContactOrigins(props: { origins: Contact['origins'] }) {
  return (
    <ul class="plain" aria-label="Found in Discover">
      <For each={props.origins}>
        {(o) => (
          <li>
            From the niche{' '}
            <Show when={o.nicheId} fallback={<>“{o.nicheName}” (deleted)</>}>
              {(id) => <A href={`/discover/${id()}?account=${o.accountId}`}>“{o.nicheName}”</A>}
            </Show>{' '}
            as{' '}
            <Show when={o.profileUrl} fallback={`@${o.handle}`}>
              {(url) => (
                <a href={url()} rel="noopener noreferrer" target="_blank">
                  @{o.handle}
                </a>
              )}
            </Show>{' '}
            ({o.platform}): {score(o.score)}
            <Show when={o.rank}>{(rank) => <>, rank #{rank()}</>}</Show> when added on{' '}
            {new Date(o.addedAt).toLocaleDateString()}
          </li>
        )}
      </For>
    </ul>
  );
}
