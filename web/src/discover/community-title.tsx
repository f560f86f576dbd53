import { useAction, useSubmission } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';
import { type CommunitiesData, renameCommunity } from './discover.data.ts';
import { communityColor, formatPercent, formatWhole } from './format.ts';

type Community = CommunitiesData['communities'][number];

/** A community's heading: its name (its top accounts, or what the team called it), renamable in place. */
export function CommunityTitle(props: {
  nicheId: string;
  snapshotId?: string;
  community: Community;
  canWrite: boolean;
}) {
  const rename = useAction(renameCommunity);
  const saving = useSubmission(renameCommunity, ([input]) => input.communityId === props.community.id);
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const save = async (name: string) => {
    if (!props.snapshotId) return;
    setError(undefined);
    try {
      await rename({
        nicheId: props.nicheId,
        snapshotId: props.snapshotId,
        communityId: props.community.id,
        name: name.trim(),
      });
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <Show
        when={editing()}
        fallback={
          <h3 class="community-title">
            <span class="swatch" style={{ background: communityColor(props.community.id) }} />{' '}
            {props.community.name}
            <span class="muted">
              {' '}
              · {formatWhole(props.community.size)} accounts ({formatPercent(props.community.share, 0)})
            </span>
            <Show when={props.canWrite}>
              {' '}
              <button
                type="button"
                class="link"
                aria-label={`Rename ${props.community.name}`}
                onClick={() => setEditing(true)}
              >
                Rename
              </button>
            </Show>
          </h3>
        }
      >
        {/* Wraps inside the card: a toolbar's wide input would spill into the next card. */}
        <form
          style={{ display: 'flex', 'flex-wrap': 'wrap', gap: '0.5rem', 'margin-bottom': '0.5rem' }}
          aria-label={`Rename ${props.community.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            save(String(new FormData(e.currentTarget).get('name') ?? ''));
          }}
        >
          <label style={{ width: '100%' }}>
            Community name{' '}
            <input
              style={{ width: '100%' }}
              name="name"
              maxLength={80}
              value={props.community.renamed ? props.community.name : ''}
              placeholder={props.community.name}
            />
          </label>
          <button type="submit" class="primary" disabled={saving.pending}>
            {saving.pending ? 'Saving…' : 'Save'}
          </button>
          <Show when={props.community.renamed}>
            <button type="button" disabled={saving.pending} onClick={() => save('')}>
              Name by top accounts
            </button>
          </Show>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </>
  );
}
