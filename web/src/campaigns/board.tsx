import { A, useAction, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { isOverdue, since } from '../deals/deal-dates.ts';
import { type Board, type BoardStage, type Card, moveDeal } from '../deals/deals.data.ts';
import { errorMessage, isOverBudget } from '../lib/trpc.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DoNotContactBadge } from '../ui/do-not-contact.tsx';
import { formatMoney } from './money.ts';

const shortDate = new Intl.DateTimeFormat();

/** Cards shown per column before "Show more". */
const PAGE = 50;

type PendingMove = { card: Card; stageId: string; position: number; message: string };

/**
 * A campaign's pipeline: a column per stage, cards that move by drag and drop, by keyboard
 * (Shift + arrow keys on a focused card) or from the card's menu. Moves show at once and
 * roll back if the server refuses them.
 */
export function BoardView(props: { board: Board; canWrite: boolean }) {
  const [state, setState] = createStore<{ cards: Card[] }>({ cards: [] });
  createEffect(
    on(
      () => props.board.cards,
      (cards) => setState('cards', reconcile(cards, { key: 'id' })),
    ),
  );
  const move = useAction(moveDeal);
  const navigate = useNavigate();
  const [dragging, setDragging] = createSignal<string>();
  const [dropAt, setDropAt] = createSignal<{ stageId: string; index: number }>();
  const [menuFor, setMenuFor] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [announcement, setAnnouncement] = createSignal('');
  const [pending, setPending] = createSignal<PendingMove>();
  const inFlight = new Map<string, Promise<unknown>>();
  const currency = () => props.board.campaign.currency;
  // Long columns show their first cards and the rest on request: the board opens fast at any size.
  const [limits, setLimits] = createSignal<Record<string, number>>({});
  const limitOf = (stageId: string) => limits()[stageId] ?? PAGE;

  const columns = createMemo(() => {
    const byStage = new Map<string, Card[]>(props.board.stages.map((s) => [s.id, []]));
    for (const card of state.cards) byStage.get(card.stageId)?.push(card);
    for (const list of byStage.values()) list.sort((a, b) => a.position - b.position);
    return props.board.stages.map((stage) => {
      const cards = byStage.get(stage.id) ?? [];
      const fee = cards.reduce((sum, c) => sum + (c.currency === currency() ? (c.feeMinor ?? 0) : 0), 0);
      return { stage, cards, fee };
    });
  });
  const stageIndex = (id: string) => props.board.stages.findIndex((s) => s.id === id);
  const columnOf = (stageId: string) => columns().find((c) => c.stage.id === stageId)?.cards ?? [];

  /** Rearranges local state as the server will, so the board answers at once. */
  const applyLocally = (card: Card, stageId: string, position: number) => {
    const source = columnOf(card.stageId).filter((c) => c.id !== card.id);
    const target = card.stageId === stageId ? source : columnOf(stageId).filter((c) => c.id !== card.id);
    const order = [...target];
    order.splice(Math.min(position, order.length), 0, card);
    const positions = new Map<string, number>();
    for (const [i, c] of source.entries()) positions.set(c.id, i);
    for (const [i, c] of order.entries()) positions.set(c.id, i);
    setState(
      'cards',
      (c) => positions.has(c.id),
      (c) => ({
        position: positions.get(c.id)!,
        stageId: c.id === card.id ? stageId : c.stageId,
      }),
    );
  };

  const moveCard = async (
    card: Card,
    stageId: string,
    position: number,
    acceptOverBudget = false,
    refocus = false,
  ) => {
    if (!props.canWrite) return;
    const before = state.cards.map((c) => ({ ...c }));
    const stage = props.board.stages.find((s) => s.id === stageId)!;
    setNotice(undefined);
    applyLocally(card, stageId, position);
    if (position >= limitOf(stageId)) setLimits({ ...limits(), [stageId]: position + 1 });
    if (refocus) focusCard(card.id);
    // Moves of one card go to the server one after another, each with the version the previous
    // one returned: quick keyboard moves must not conflict with themselves.
    const previous = inFlight.get(card.id) ?? Promise.resolve();
    const sent = previous
      .catch(() => {})
      .then(() => {
        const version = state.cards.find((c) => c.id === card.id)?.version ?? card.version;
        return move({ id: card.id, stageId, position, version, acceptOverBudget });
      });
    inFlight.set(card.id, sent);
    try {
      const moved = await sent;
      setState('cards', (c) => c.id === card.id, { version: moved.version });
      setAnnouncement(`${card.contactName} moved to ${stage.name}, position ${position + 1}.`);
    } catch (error) {
      setState('cards', reconcile(before, { key: 'id' }));
      if (isOverBudget(error)) setPending({ card, stageId, position, message: errorMessage(error) });
      else setNotice(errorMessage(error));
    }
    if (refocus) focusCard(card.id);
  };

  const focusCard = (id: string) =>
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-deal-id="${id}"]`)?.focus());

  const onKeyDown = (event: KeyboardEvent, card: Card) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      navigate(`/deals/${card.id}`);
      return;
    }
    if (!event.shiftKey || !props.canWrite) return;
    const column = columnOf(card.stageId);
    const index = column.findIndex((c) => c.id === card.id);
    const s = stageIndex(card.stageId);
    let target: [string, number] | undefined;
    if (event.key === 'ArrowRight' && s < props.board.stages.length - 1) {
      const next = props.board.stages[s + 1].id;
      target = [next, Math.min(index, columnOf(next).length)];
    } else if (event.key === 'ArrowLeft' && s > 0) {
      const prev = props.board.stages[s - 1].id;
      target = [prev, Math.min(index, columnOf(prev).length)];
    } else if (event.key === 'ArrowUp' && index > 0) target = [card.stageId, index - 1];
    else if (event.key === 'ArrowDown' && index < column.length - 1) target = [card.stageId, index + 1];
    if (!target) return;
    event.preventDefault();
    moveCard(card, target[0], target[1], false, true);
  };

  /** Where among the column's other cards the pointer is: the drop position. */
  const indexAt = (list: HTMLElement, y: number) => {
    let index = 0;
    for (const el of list.querySelectorAll<HTMLElement>('[data-deal-id]')) {
      if (el.dataset.dealId === dragging()) continue;
      const box = el.getBoundingClientRect();
      if (box.top + box.height / 2 < y) index++;
    }
    return index;
  };
  const onDrop = (event: DragEvent, stage: BoardStage) => {
    event.preventDefault();
    const id = event.dataTransfer?.getData('text/plain') || dragging();
    const card = state.cards.find((c) => c.id === id);
    const index = indexAt(event.currentTarget as HTMLElement, event.clientY);
    setDragging(undefined);
    setDropAt(undefined);
    if (card) moveCard(card, stage.id, index);
  };

  return (
    <div class="board-wrap">
      <p id="board-help" class="muted small">
        Drag cards between columns, or focus a card and press Shift + arrow keys to move it. Enter opens the
        deal.
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announcement()}
      </p>
      <Show when={notice()}>
        <div class="error" role="alert">
          <p>{notice()}</p>
          <button type="button" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      </Show>
      <div class="board">
        <For each={columns()}>
          {(column) => (
            <section class={`column kind-${column.stage.kind}`} aria-label={`${column.stage.name} column`}>
              <header class="column-head">
                <h3>{column.stage.name}</h3>
                <span class="muted">
                  <span class="column-count">{column.cards.length}</span>
                  <span class="visually-hidden"> deals</span> ·{' '}
                  <span class="column-total">{formatMoney(column.fee, currency())}</span>
                </span>
              </header>
              <ul
                class="cards"
                classList={{ 'drop-target': dropAt()?.stageId === column.stage.id }}
                aria-label={`Deals in ${column.stage.name}`}
                onDragOver={(e) => {
                  if (!dragging()) return;
                  e.preventDefault();
                  setDropAt({ stageId: column.stage.id, index: indexAt(e.currentTarget, e.clientY) });
                }}
                onDragLeave={(e) => {
                  if (!e.currentTarget.contains(e.relatedTarget as Node)) setDropAt(undefined);
                }}
                onDrop={(e) => onDrop(e, column.stage)}
              >
                <For each={column.cards.slice(0, limitOf(column.stage.id))}>
                  {(card) => (
                    <li
                      class="deal-card"
                      classList={{ dragging: dragging() === card.id, overdue: isOverdue(card) }}
                      data-deal-id={card.id}
                      tabindex="0"
                      draggable={props.canWrite}
                      aria-label={card.contactName}
                      aria-describedby="board-help"
                      onDragStart={(e) => {
                        e.dataTransfer?.setData('text/plain', card.id);
                        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                        setDragging(card.id);
                      }}
                      onDragEnd={() => {
                        setDragging(undefined);
                        setDropAt(undefined);
                      }}
                      onKeyDown={(e) => onKeyDown(e, card)}
                    >
                      <div class="deal-card-top">
                        {/* A plain link (the router still handles it): hundreds of cards render quicker. */}
                        <a href={`/deals/${card.id}`} tabindex="-1">
                          {card.contactName}
                        </a>
                        <Show when={props.canWrite}>
                          <button
                            type="button"
                            class="icon"
                            aria-haspopup="menu"
                            aria-expanded={menuFor() === card.id}
                            aria-label={`Actions for ${card.contactName}`}
                            onClick={() => setMenuFor(menuFor() === card.id ? undefined : card.id)}
                          >
                            ⋯
                          </button>
                        </Show>
                      </div>
                      <DoNotContactBadge when={card.doNotContact} />
                      <div class="fee">{formatMoney(card.feeMinor, card.currency)}</div>
                      <div class="muted small">
                        {card.ownerName ?? 'No owner'} · {since(card.stageEnteredAt)} in stage
                      </div>
                      <Show when={card.nextAction || card.nextActionAt}>
                        <div class="next-action small">
                          {isOverdue(card) ? 'Overdue: ' : 'Next: '}
                          {card.nextAction}
                          <Show when={card.nextActionAt}>
                            {' '}
                            ({shortDate.format(new Date(card.nextActionAt!))})
                          </Show>
                        </div>
                      </Show>
                      <Show when={menuFor() === card.id}>
                        <CardMenu
                          card={card}
                          stages={props.board.stages}
                          index={column.cards.indexOf(card)}
                          count={column.cards.length}
                          onClose={() => setMenuFor(undefined)}
                          onMove={(stageId, position) => {
                            setMenuFor(undefined);
                            moveCard(card, stageId, position, false, true);
                          }}
                        />
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={column.cards.length > limitOf(column.stage.id)}>
                <button
                  type="button"
                  class="show-more"
                  onClick={() =>
                    setLimits({ ...limits(), [column.stage.id]: limitOf(column.stage.id) + PAGE * 4 })
                  }
                >
                  Show {Math.min(PAGE * 4, column.cards.length - limitOf(column.stage.id))} more
                </button>
              </Show>
            </section>
          )}
        </For>
      </div>
      <ConfirmDialog
        open={!!pending()}
        title="Over budget"
        message={pending()?.message ?? ''}
        confirmLabel="Move anyway"
        onCancel={() => setPending(undefined)}
        onConfirm={() => {
          const p = pending()!;
          setPending(undefined);
          moveCard(p.card, p.stageId, p.position, true);
        }}
      />
    </div>
  );
}

function CardMenu(props: {
  card: Card;
  stages: BoardStage[];
  index: number;
  count: number;
  onMove: (stageId: string, position: number) => void;
  onClose: () => void;
}) {
  let menu!: HTMLDivElement;
  queueMicrotask(() => menu?.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <div
      class="menu"
      role="menu"
      ref={menu}
      aria-label={`Move ${props.card.contactName}`}
      onKeyDown={onKeyDown}
    >
      <Show when={props.index > 0}>
        <button
          type="button"
          role="menuitem"
          onClick={() => props.onMove(props.card.stageId, props.index - 1)}
        >
          Move up
        </button>
      </Show>
      <Show when={props.index < props.count - 1}>
        <button
          type="button"
          role="menuitem"
          onClick={() => props.onMove(props.card.stageId, props.index + 1)}
        >
          Move down
        </button>
      </Show>
      <For each={props.stages.filter((s) => s.id !== props.card.stageId)}>
        {(s) => (
          <button type="button" role="menuitem" onClick={() => props.onMove(s.id, 0)}>
            Move to {s.name}
          </button>
        )}
      </For>
      <A role="menuitem" href={`/deals/${props.card.id}`}>
        Open deal
      </A>
    </div>
  );
}
