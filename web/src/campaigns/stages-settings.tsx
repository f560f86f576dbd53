import { createAsync, useAction } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';
import { Loading } from '../ui/feedback.tsx';
import { getStages } from './campaigns.data.ts';
import {
  createStage,
  type StageKind as Kind,
  stageKinds as kinds,
  removeStage,
  reorderStages,
  updateStage,
} from './stages.data.ts';

/** Settings → Pipeline stages: rename, reorder, set kinds, add and delete (moving their deals). */
export function StagesSection() {
  const stages = createAsync(() => getStages());
  const doCreate = useAction(createStage);
  const doUpdate = useAction(updateStage);
  const doReorder = useAction(reorderStages);
  const doRemove = useAction(removeStage);
  const [error, setError] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<{ id: string; name: string; dealCount: number }>();
  const [moveTo, setMoveTo] = createSignal('');

  const run = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  const swap = (index: number, by: number) => {
    const ids = (stages() ?? []).map((s) => s.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    run(() => doReorder(ids));
  };
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const ok = await run(() =>
      doCreate({
        name: String(data.get('name') ?? ''),
        kind: String(data.get('kind')) as Kind,
        committed: data.get('committed') === 'on',
      }),
    );
    if (ok) form.reset();
  };
  const remove = async () => {
    const stage = deleting()!;
    const ok = await run(() => doRemove(stage.id, stage.dealCount ? moveTo() || undefined : undefined));
    if (ok) setDeleting(undefined);
  };

  return (
    <section class="card">
      <h2>Pipeline stages</h2>
      <p class="muted">
        Every campaign board has these columns, in this order. Fees of deals in stages that count as committed
        (and in won stages) count against the budget; won stages count as paid.
      </p>
      <Show when={stages()} fallback={<Loading />}>
        {(list) => (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Commits budget</th>
                <th scope="col">Deals</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={list()}>
                {(s, i) => (
                  <tr>
                    <td>
                      <input
                        aria-label={`Name of stage ${s.name}`}
                        value={s.name}
                        onChange={(e) => run(() => doUpdate({ id: s.id, name: e.currentTarget.value }))}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Kind of ${s.name}`}
                        value={s.kind}
                        onChange={(e) =>
                          run(() => doUpdate({ id: s.id, kind: e.currentTarget.value as Kind }))
                        }
                      >
                        <For each={kinds}>{(k) => <option value={k}>{k}</option>}</For>
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${s.name} commits budget`}
                        checked={s.committed}
                        onChange={(e) =>
                          run(() => doUpdate({ id: s.id, committed: e.currentTarget.checked }))
                        }
                      />
                    </td>
                    <td>{s.dealCount}</td>
                    <td class="row-actions">
                      <button
                        type="button"
                        disabled={i() === 0}
                        onClick={() => swap(i(), -1)}
                        aria-label={`Move ${s.name} up`}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        disabled={i() === list().length - 1}
                        onClick={() => swap(i(), 1)}
                        aria-label={`Move ${s.name} down`}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        class="danger"
                        onClick={() => {
                          setMoveTo(list().find((o) => o.id !== s.id)?.id ?? '');
                          setDeleting(s);
                        }}
                      >
                        Delete {s.name}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <Show when={deleting()}>
        {(stage) => (
          <div class="notice" role="group" aria-label={`Delete ${stage().name}`}>
            <p>
              Delete the stage “{stage().name}”?
              <Show when={stage().dealCount > 0}>
                {' '}
                It holds {stage().dealCount} deals: choose where they go.
              </Show>
            </p>
            <Show when={stage().dealCount > 0}>
              <label>
                Move its deals to{' '}
                <select onChange={(e) => setMoveTo(e.currentTarget.value)}>
                  <For each={(stages() ?? []).filter((s) => s.id !== stage().id)}>
                    {(s) => (
                      <option value={s.id} selected={s.id === moveTo()}>
                        {s.name}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            </Show>
            <div class="actions">
              <button type="button" onClick={() => setDeleting(undefined)}>
                Cancel
              </button>
              <button type="button" class="danger" onClick={remove}>
                Delete stage
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <form class="toolbar" onSubmit={add}>
        <label for="stage-name">New stage</label>
        <input id="stage-name" name="name" required maxLength={60} />
        <label for="stage-kind">Kind</label>
        <select id="stage-kind" name="kind">
          <For each={kinds}>{(k) => <option value={k}>{k}</option>}</For>
        </select>
        <label>
          <input type="checkbox" name="committed" /> Commits budget
        </label>
        <button type="submit">Add stage</button>
      </form>
    </section>
  );
}
