import { useAction } from '@solidjs/router';
import { createSignal, For, Index, Show } from 'solid-js';
import { parseMoney, toMajor } from '../campaigns/money.ts';
import { type PlatformOption, platformOptions } from '../contacts/contacts.data.ts';
import { errorMessage, fieldErrors, isOverBudget, isStale } from '../lib/trpc.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Markdown } from '../ui/markdown.tsx';
import { type Deal, type DealUpdateInput, saveDeal } from './deals.data.ts';

const kinds = ['post', 'story', 'video', 'repost'] as const;
const statuses = ['planned', 'in_progress', 'live', 'cancelled'] as const;
type Deliverable = {
  kind: (typeof kinds)[number];
  platform: PlatformOption;
  dueOn: string | null;
  status: (typeof statuses)[number];
  url: string | null;
};
/** Converts a stored instant to the value a datetime-local input shows (local time). */
function toLocalInput(date: string | Date | null): string {
  if (!date) return '';
  const d = new Date(date);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Edits a deal's terms; the version it started from guards against overwriting someone else. */
export function DealEditor(props: {
  deal: Deal;
  owners: { userId: string; name: string }[];
  canWrite: boolean;
  /** Called after a save; the editor itself is rebuilt with the stored deal. */
  onSaved: () => void;
}) {
  const save = useAction(saveDeal);
  const [notes, setNotes] = createSignal(props.deal.notes);
  const [deliverables, setDeliverables] = createSignal<Deliverable[]>(
    props.deal.deliverables.map((d) => ({ ...d })) as Deliverable[],
  );
  const [error, setError] = createSignal<unknown>();
  const [overBudget, setOverBudget] = createSignal<{ input: DealUpdateInput; message: string }>();
  const errors = () => fieldErrors(error());

  const submit = async (input: DealUpdateInput) => {
    setError(undefined);
    try {
      await save(input);
      props.onSaved();
    } catch (e) {
      if (isOverBudget(e)) setOverBudget({ input, message: errorMessage(e) });
      else setError(e);
    }
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    const fee = parseMoney(text('fee'));
    if (Number.isNaN(fee)) {
      setError(new Error('Write the fee as a number, like 1500 or 1500.50.'));
      return;
    }
    const at = text('nextActionAt');
    submit({
      id: props.deal.id,
      version: props.deal.version,
      feeMinor: fee,
      currency: text('currency') || props.deal.currency,
      ownerId: text('ownerId') || null,
      nextAction: text('nextAction'),
      nextActionAt: at ? new Date(at).toISOString() : null,
      notes: String(data.get('notes') ?? ''),
      deliverables: deliverables().map((d) => ({ ...d, dueOn: d.dueOn || null, url: d.url || null })),
    });
  };
  const setDeliverable = (i: number, patch: Partial<Deliverable>) =>
    setDeliverables(deliverables().map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <form class="card form" onSubmit={onSubmit} aria-label="Deal terms">
      <fieldset disabled={!props.canWrite}>
        <div class="row">
          <Field
            label="Agreed fee"
            name="fee"
            inputmode="decimal"
            value={toMajor(props.deal.feeMinor)}
            errors={errors().feeMinor}
          />
          <Field
            label="Fee currency"
            name="currency"
            maxLength={3}
            value={props.deal.currency}
            errors={errors().currency}
          />
        </div>
        <div class="field">
          <label for="deal-owner">Deal owner</label>
          <select id="deal-owner" name="ownerId">
            <option value="">Nobody</option>
            <For each={props.owners}>
              {(o) => (
                <option value={o.userId} selected={props.deal.ownerId === o.userId}>
                  {o.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="row">
          <Field
            label="Next action"
            name="nextAction"
            value={props.deal.nextAction}
            errors={errors().nextAction}
          />
          <Field
            label="Next action due"
            name="nextActionAt"
            type="datetime-local"
            value={toLocalInput(props.deal.nextActionAt)}
          />
        </div>
        <div class="field">
          <label for="deal-notes">Deal notes</label>
          <textarea
            id="deal-notes"
            name="notes"
            rows={4}
            value={props.deal.notes}
            aria-describedby="deal-notes-hint"
            onInput={(e) => setNotes(e.currentTarget.value)}
          />
          <small id="deal-notes-hint">Markdown: **bold**, *italic*, - lists, [links](https://…).</small>
          <Show when={notes().trim()}>
            <div class="preview" role="region" aria-label="Deal notes">
              <Markdown source={notes()} />
            </div>
          </Show>
        </div>
        <fieldset>
          <legend>Deliverables</legend>
          <Index each={deliverables()}>
            {(d, i) => (
              <div class="deliverable-row">
                <select
                  aria-label={`Deliverable ${i + 1} kind`}
                  value={d().kind}
                  onChange={(e) => setDeliverable(i, { kind: e.currentTarget.value as Deliverable['kind'] })}
                >
                  <For each={kinds}>{(k) => <option value={k}>{k}</option>}</For>
                </select>
                <select
                  aria-label={`Deliverable ${i + 1} platform`}
                  value={d().platform}
                  onChange={(e) =>
                    setDeliverable(i, { platform: e.currentTarget.value as Deliverable['platform'] })
                  }
                >
                  <For each={platformOptions}>{(p) => <option value={p}>{p}</option>}</For>
                </select>
                <input
                  type="date"
                  aria-label={`Deliverable ${i + 1} due date`}
                  value={d().dueOn ?? ''}
                  onInput={(e) => setDeliverable(i, { dueOn: e.currentTarget.value || null })}
                />
                <select
                  aria-label={`Deliverable ${i + 1} status`}
                  value={d().status}
                  onChange={(e) =>
                    setDeliverable(i, { status: e.currentTarget.value as Deliverable['status'] })
                  }
                >
                  <For each={statuses}>{(s) => <option value={s}>{s.replace('_', ' ')}</option>}</For>
                </select>
                <input
                  type="url"
                  placeholder="https://… once live"
                  aria-label={`Deliverable ${i + 1} URL`}
                  value={d().url ?? ''}
                  onInput={(e) => setDeliverable(i, { url: e.currentTarget.value || null })}
                />
                <button
                  type="button"
                  onClick={() => setDeliverables(deliverables().filter((_, j) => j !== i))}
                >
                  Remove deliverable {i + 1}
                </button>
              </div>
            )}
          </Index>
          <button
            type="button"
            onClick={() =>
              setDeliverables([
                ...deliverables(),
                { kind: 'post', platform: 'instagram', dueOn: null, status: 'planned', url: null },
              ])
            }
          >
            Add deliverable
          </button>
        </fieldset>
      </fieldset>
      <Show when={error()}>
        <div class="error" role="alert">
          <p>{errorMessage(error())}</p>
          <Show when={isStale(error())}>
            <p>The form now shows the latest version.</p>
          </Show>
        </div>
      </Show>
      <Show when={props.canWrite}>
        <div class="actions">
          <button type="submit" class="primary">
            Save deal
          </button>
        </div>
      </Show>
      <ConfirmDialog
        open={!!overBudget()}
        title="Over budget"
        message={overBudget()?.message ?? ''}
        confirmLabel="Save anyway"
        onCancel={() => setOverBudget(undefined)}
        onConfirm={() => {
          const pending = overBudget()!;
          setOverBudget(undefined);
          submit({ ...pending.input, acceptOverBudget: true });
        }}
      />
    </form>
  );
}
