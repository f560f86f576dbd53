import { A, useAction } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { formatMoney } from '../campaigns/money.ts';
import { downloadText } from '../lib/download.ts';
import { errorMessage, isOverBudget } from '../lib/trpc.ts';
import { createSort, type DataColumn, DataTable } from '../ui/data-table.tsx';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { isOverdue, since } from './deal-dates.ts';
import { type Board, bulkAssignDeals, bulkMoveDeals, type Card, exportDealsCsv } from './deals.data.ts';

/** Every deal of the campaign as a sortable table, with bulk moves, owners and CSV export. */
export function DealsTable(props: {
  board: Board;
  owners: { userId: string; name: string }[];
  canWrite: boolean;
}) {
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [message, setMessage] = createSignal<{ text: string; error?: boolean }>();
  const [moveTo, setMoveTo] = createSignal('');
  const [assignTo, setAssignTo] = createSignal('');
  const doMove = useAction(bulkMoveDeals);
  const doAssign = useAction(bulkAssignDeals);
  const stageName = (id: string) => props.board.stages.find((s) => s.id === id)?.name ?? '';
  const stageOrder = (id: string) => props.board.stages.findIndex((s) => s.id === id);

  const sort = createSort(
    () => props.board.cards,
    {
      contact: (c) => c.contactName.toLowerCase(),
      stage: (c) => stageOrder(c.stageId) * 1e6 + c.position,
      fee: (c) => c.feeMinor ?? -1,
      owner: (c) => (c.ownerName ?? '').toLowerCase(),
      nextAction: (c) => (c.nextActionAt ? new Date(c.nextActionAt).getTime() : Number.MAX_SAFE_INTEGER),
      inStage: (c) => new Date(c.stageEnteredAt).getTime(),
    },
    { key: 'stage', dir: 1 },
  );
  const rows = sort.rows;
  const columns: DataColumn<Card>[] = [
    {
      id: 'contact',
      header: 'Contact',
      cell: (c) => (
        <>
          <A href={`/deals/${c.id}`}>{c.contactName}</A>
          <DoNotContactBadge when={c.doNotContact} spaced />
        </>
      ),
    },
    { id: 'stage', header: 'Stage', cell: (c) => stageName(c.stageId) },
    { id: 'fee', header: 'Fee', cell: (c) => formatMoney(c.feeMinor, c.currency) },
    { id: 'owner', header: 'Owner', cell: (c) => c.ownerName ?? '—' },
    {
      id: 'nextAction',
      header: 'Next action',
      cellClass: (c) => ({ overdue: isOverdue(c) }),
      cell: (c) => (
        <>
          {c.nextAction}
          <Show when={c.nextActionAt}> ({new Date(c.nextActionAt!).toLocaleDateString()})</Show>
        </>
      ),
    },
    { id: 'inStage', header: 'In stage', cell: (c) => since(c.stageEnteredAt) },
  ];
  const ids = () =>
    rows()
      .map((r) => r.id)
      .filter((id) => selected().has(id));
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
          <select id="bulk-stage" onChange={(e) => setMoveTo(e.currentTarget.value)}>
            <option value="" selected={!moveTo()}>
              Choose…
            </option>
            <For each={props.board.stages}>
              {(s) => (
                <option value={s.id} selected={s.id === moveTo()}>
                  {s.name}
                </option>
              )}
            </For>
          </select>
          <button type="button" disabled={!ids().length || !moveTo()} onClick={applyMove}>
            Move selected
          </button>
          <label for="bulk-owner">Owner</label>
          <select id="bulk-owner" onChange={(e) => setAssignTo(e.currentTarget.value)}>
            <option value="" selected={!assignTo()}>
              Nobody
            </option>
            <For each={props.owners}>
              {(o) => (
                <option value={o.userId} selected={o.userId === assignTo()}>
                  {o.name}
                </option>
              )}
            </For>
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
      <DataTable
        rows={rows()}
        rowKey={(c) => c.id}
        sort={sort}
        selection={{
          selected: selected(),
          onChange: setSelected,
          allLabel: 'Select all deals',
          rowLabel: (c) => `Select ${c.contactName}`,
        }}
        columns={columns}
      />
    </div>
  );
}
