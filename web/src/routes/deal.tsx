import { A, createAsync, useAction, useParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { canWrite, useMe } from '../auth/session.ts';
import { getOwners, getStages } from '../campaigns/campaigns.data.ts';
import { formatMoney } from '../campaigns/money.ts';
import { since } from '../deals/deal-dates.ts';
import { DealEditor } from '../deals/deal-editor.tsx';
import { addDealNote, getDeal, getDealTimeline, moveDeal, removeDeal } from '../deals/deals.data.ts';
import { Timeline } from '../deals/timeline.tsx';
import { errorMessage, isOverBudget } from '../lib/trpc.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { Loading } from '../ui/feedback.tsx';

export default function DealPage() {
  const params = useParams();
  const me = useMe();
  const deal = createAsync(() => getDeal(params.id!));
  const feed = createAsync(() => getDealTimeline(params.id!));
  const stages = createAsync(() => getStages());
  const owners = createAsync(() => getOwners());
  const move = useAction(moveDeal);
  const note = useAction(addDealNote);
  const remove = useAction(removeDeal);
  const [error, setError] = createSignal<string>();
  const [confirming, setConfirming] = createSignal(false);
  const [saved, setSaved] = createSignal(false);

  const changeStage = async (stageId: string, version: number, acceptOverBudget = false) => {
    setError(undefined);
    try {
      await move({ id: params.id!, stageId, position: 0, version, acceptOverBudget });
    } catch (e) {
      if (isOverBudget(e) && window.confirm(errorMessage(e))) return changeStage(stageId, version, true);
      setError(errorMessage(e));
    }
  };
  const submitNote = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!text) return;
    try {
      await note(params.id!, text);
      form.reset();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Show when={deal()} fallback={<Loading />}>
      {(d) => (
        <section>
          <p>
            <A href={`/campaigns/${d().campaignId}`}>← {d().campaignName}</A> ·{' '}
            <A href={`/outreach?deal=${d().id}`}>Write an email</A>
          </p>
          <div class="page-head">
            <h1>
              <A href={`/contacts/${d().contactId}`}>{d().contactName}</A> in {d().campaignName}
            </h1>
            <DoNotContactBadge when={d().doNotContact} />
          </div>
          <div class="toolbar">
            <label for="deal-stage">Stage</label>
            <select
              id="deal-stage"
              disabled={!canWrite(me())}
              value={d().stageId}
              onChange={(e) => changeStage(e.currentTarget.value, d().version)}
            >
              {/* `selected` on the option: the stages arrive after the select's value is set. */}
              <For each={stages() ?? []}>
                {(s) => (
                  <option value={s.id} selected={s.id === d().stageId}>
                    {s.name}
                  </option>
                )}
              </For>
            </select>
            <span class="muted">for {since(d().stageEnteredAt)}</span>
          </div>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
          {/* Keyed on the version so a conflict or a save shows the stored deal. */}
          <Show when={d().version} keyed>
            <DealEditor
              deal={d()}
              owners={owners() ?? []}
              canWrite={canWrite(me())}
              onSaved={() => setSaved(true)}
            />
          </Show>
          <Show when={saved()}>
            <p class="notice" role="status">
              Saved. Fee {formatMoney(d().feeMinor, d().currency)}.
            </p>
          </Show>
          <Show when={canWrite(me())}>
            <form class="card form" onSubmit={submitNote}>
              <div class="field">
                <label for="deal-note">Add a note</label>
                <textarea id="deal-note" name="note" rows={3} />
              </div>
              <div class="actions">
                <button type="submit">Add note</button>
                <button type="button" class="danger" onClick={() => setConfirming(true)}>
                  Remove from campaign
                </button>
              </div>
            </form>
          </Show>
          <h2>Timeline</h2>
          <Show when={feed()} fallback={<Loading />}>
            {(f) => <Timeline items={f().items} label="Deal timeline" />}
          </Show>
          <ConfirmDialog
            open={confirming()}
            title={`Remove ${d().contactName} from ${d().campaignName}?`}
            message="The deal and its history in this campaign are deleted. The contact stays."
            confirmLabel="Remove deal"
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove(d().id, d().campaignId).finally(() => setConfirming(false))}
          />
        </section>
      )}
    </Show>
  );
}
