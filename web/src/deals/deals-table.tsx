import { A, useAction } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { formatMoney } from '../campaigns/money.ts';
import { downloadText } from '../lib/download.ts';
import { errorMessage, isOverBudget } from '../lib/trpc.ts';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { isOverdue, since } from './deal-dates.ts';
import { type Board, bulkAssignDeals, bulkMoveDeals, type Card, exportDealsCsv } from './deals.data.ts';

type SortKey = 'contact' | 'stage' | 'fee' | 'owner' | 'nextAction' | 'inStage';

/** Every deal of the campaign as a sortable table, with bulk moves, owners and CSV export. */
export function DealsTable(props: {
  board: Board;
  owners: { userId: string; name: string }[];
  canWrite: boolean;
}) {
  const [sort, setSort] = createSignal<{ key: SortKey; dir: 1 | -1 }>({ key: 'stage', dir: 1 });
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [message, setMessage] = createSignal<{ text: string; error?: boolean }>();
  const [moveTo, setMoveTo] = createSignal('');
  const [assignTo, setAssignTo] = createSignal('');
  const doMove = useAction(bulkMoveDeals);
  const doAssign = useAction(bulkAssignDeals);
  const stageName = (id: string) => props.board.stages.find((s) => s.id === id)?.name ?? '';
  const stageOrder = (id: string) => props.board.stages.findIndex((s) => s.id === id);

  const rows = createMemo(() => {
    const { key, dir } = sort();
    const value = (c: Card): string | number => {
      switch (key) {
        case 'contact':
          return c.contactName.toLowerCase();
        case 'stage':
          return stageOrder(c.stageId) * 1e6 + c.position;
        case 'fee':
          return c.feeMinor ?? -1;
        case 'owner':
          return (c.ownerName ?? '').toLowerCase();
        case 'nextAction':
          return c.nextActionAt ? new Date(c.nextActionAt).getTime() : Number.MAX_SAFE_INTEGER;
        case 'inStage':
          return new Date(c.stageEnteredAt).getTime();
      }
    };
    return [...props.board.cards].sort((a, b) =>
      value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0,
    );
  });
  const ids = () =>
    rows()
      .map((r) => r.id)
      .filter((id) => selected().has(id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort().key === key ? (sort().dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        class="link"
        onClick={() => setSort({ key, dir: sort().key === key ? (-sort().dir as 1 | -1) : 1 })}
      >
        {label}
      </button>
    </th>
  );

  const run = async (work: () => Promise<string>) => {
    setMessage(undefined);
    try {
      setMessage({ text: await work() });
      setSelected(new Set<string>());
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };
  const applyMove = () =>
    run(async () => {
      try {
        const r = await doMove(ids(), moveTo(), false);
        return `Moved ${r.moved} ${r.moved === 1 ? 'deal' : 'deals'} to ${stageName(moveTo())}.`;
      } catch (error) {
        if (!isOverBudget(error) || !window.confirm(`${errorMessage(error)}`)) throw error;
        const r = await doMove(ids(), moveTo(), true);
        return `Moved ${r.moved} ${r.moved === 1 ? 'deal' : 'deals'} to ${stageName(moveTo())}, over budget.`;
      }
    });
  const applyAssign = () =>
    run(async () => {
      const r = await doAssign(ids(), assignTo() || null);
      return `Assigned ${r.updated} ${r.updated === 1 ? 'deal' : 'deals'}.`;
    });
  const exportCsv = () =>
    run(async () => {
      const chosen = ids();
      const csv = await exportDealsCsv(props.board.campaign.id, chosen.length ? chosen : undefined);
      downloadText(`${props.board.campaign.name.replace(/[^\w-]+/g, '-')}-deals.csv`, csv);
      return `Exported ${chosen.length || props.board.cards.length} deals.`;
    });

  return (
    <div>
      <div class="toolbar bulk" role="group" aria-label="Bulk actions">
        <span aria-live="polite">{ids().length} selected</span>
        <Show when={props.canWrite}>
          <label for="bulk-stage">Move to stage</label>
          <select id="bulk-stage" value={moveTo()} onChange={(e) => setMoveTo(e.currentTarget.value)}>
            <option value="">Choose…</option>
            <For each={props.board.stages}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
          <button type="button" disabled={!ids().length || !moveTo()} onClick={applyMove}>
            Move selected
          </button>
          <label for="bulk-owner">Owner</label>
          <select id="bulk-owner" value={assignTo()} onChange={(e) => setAssignTo(e.currentTarget.value)}>
            <option value="">Nobody</option>
            <For each={props.owners}>{(o) => <option value={o.userId}>{o.name}</option>}</For>
          </select>
          <button type="button" disabled={!ids().length} onClick={applyAssign}>
            Assign selected
          </button>
        </Show>
        <button type="button" onClick={exportCsv}>
          {ids().length ? 'Export selected as CSV' : 'Export all as CSV'}
        </button>
      </div>
      <Show when={message()}>
        {(m) => (
          <p class={m().error ? 'error' : 'notice'} role={m().error ? 'alert' : 'status'}>
            {m().text}
          </p>
        )}
      </Show>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all deals"
                checked={rows().length > 0 && ids().length === rows().length}
                onChange={(e) => setSelected(new Set(e.currentTarget.checked ? rows().map((r) => r.id) : []))}
              />
            </th>
            {header('contact', 'Contact')}
            {header('stage', 'Stage')}
            {header('fee', 'Fee')}
            {header('owner', 'Owner')}
            {header('nextAction', 'Next action')}
            {header('inStage', 'In stage')}
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(c) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${c.contactName}`}
                    checked={selected().has(c.id)}
                    onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <A href={`/deals/${c.id}`}>{c.contactName}</A>
                  <DoNotContactBadge when={c.doNotContact} spaced />
                </td>
                <td>{stageName(c.stageId)}</td>
                <td>{formatMoney(c.feeMinor, c.currency)}</td>
                <td>{c.ownerName ?? '—'}</td>
                <td classList={{ overdue: isOverdue(c) }}>
                  {c.nextAction}
                  <Show when={c.nextActionAt}> ({new Date(c.nextActionAt!).toLocaleDateString()})</Show>
                </td>
                <td>{since(c.stageEnteredAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
