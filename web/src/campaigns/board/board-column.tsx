import { useNavigate } from '@solidjs/router';
import { type Accessor, For, Show } from 'solid-js';
import { isOverdue, since } from '../../deals/deal-dates.ts';
import type { BoardStage, Card } from '../../deals/deals.data.ts';
import { DoNotContactBadge } from '../../ui/do-not-contact.tsx';
import { formatMoney } from '../money.ts';
import type { BoardColumnData, BoardMoves } from './board-moves.ts';
import { PAGE } from './board-moves.ts';
import { CardMenu } from './card-menu.tsx';

const shortDate = new Intl.DateTimeFormat();

/** Which card is being dragged and where it would land; shared by all columns of a board. */
export type DragState = {
  dragging: Accessor<string | undefined>;
  setDragging: (id: string | undefined) => void;
  dropAt: Accessor<{ stageId: string; index: number } | undefined>;
  setDropAt: (at: { stageId: string; index: number } | undefined) => void;
};

/** Where among the column's other cards the pointer is: the drop position. */
function indexAt(list: HTMLElement, y: number, dragging: string | undefined) {
  let index = 0;
  for (const el of list.querySelectorAll<HTMLElement>('[data-deal-id]')) {
    if (el.dataset.dealId === dragging) continue;
    const box = el.getBoundingClientRect();
    if (box.top + box.height / 2 < y) index++;
  }
  return index;
}

/** One stage of the board: its count and fee total, its cards (dropped on, dragged from), "Show more". */
export function BoardColumn(props: {
  column: BoardColumnData;
  stages: BoardStage[];
  moves: BoardMoves;
  drag: DragState;
  canWrite: boolean;
  menuFor: string | undefined;
  onMenu: (cardId: string | undefined) => void;
}) {
  const navigate = useNavigate();
  const stage = () => props.column.stage;
  const limit = () => props.moves.limitOf(stage().id);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const id = event.dataTransfer?.getData('text/plain') || props.drag.dragging();
    const card = props.moves.cardById(id);
    const index = indexAt(event.currentTarget as HTMLElement, event.clientY, props.drag.dragging());
    props.drag.setDragging(undefined);
    props.drag.setDropAt(undefined);
    if (card) props.moves.moveCard(card, stage().id, index);
  };
  const onKeyDown = (event: KeyboardEvent, card: Card) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      navigate(`/deals/${card.id}`);
      return;
    }
    props.moves.moveByKey(event, card);
  };

  return (
    <section class={`column kind-${stage().kind}`} aria-label={`${stage().name} column`}>
      <header class="column-head">
        <h3>{stage().name}</h3>
        <span class="muted">
          <span class="column-count">{props.column.cards.length}</span>
          <span class="visually-hidden"> deals</span> ·{' '}
          <span class="column-total">{formatMoney(props.column.fee, props.moves.currency())}</span>
        </span>
      </header>
      <ul
        class="cards"
        classList={{ 'drop-target': props.drag.dropAt()?.stageId === stage().id }}
        aria-label={`Deals in ${stage().name}`}
        onDragOver={(e) => {
          if (!props.drag.dragging()) return;
          e.preventDefault();
          props.drag.setDropAt({
            stageId: stage().id,
            index: indexAt(e.currentTarget, e.clientY, props.drag.dragging()),
          });
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node)) props.drag.setDropAt(undefined);
        }}
        onDrop={onDrop}
      >
        <For each={props.column.cards.slice(0, limit())}>
          {(card) => (
            <li
              class="deal-card"
              classList={{ dragging: props.drag.dragging() === card.id, overdue: isOverdue(card) }}
              data-deal-id={card.id}
              tabindex="0"
              draggable={props.canWrite}
              aria-label={card.contactName}
              aria-describedby="board-help"
              onDragStart={(e) => {
                e.dataTransfer?.setData('text/plain', card.id);
                if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                props.drag.setDragging(card.id);
              }}
              onDragEnd={() => {
                props.drag.setDragging(undefined);
                props.drag.setDropAt(undefined);
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
                    aria-expanded={props.menuFor === card.id}
                    aria-label={`Actions for ${card.contactName}`}
                    onClick={() => props.onMenu(props.menuFor === card.id ? undefined : card.id)}
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
                  <Show when={card.nextActionAt}> ({shortDate.format(new Date(card.nextActionAt!))})</Show>
                </div>
              </Show>
              <Show when={props.menuFor === card.id}>
                <CardMenu
                  card={card}
                  stages={props.stages}
                  index={props.column.cards.indexOf(card)}
                  count={props.column.cards.length}
                  onClose={() => props.onMenu(undefined)}
                  onMove={(stageId, position) => {
                    props.onMenu(undefined);
                    props.moves.moveCard(card, stageId, position, { refocus: true });
                  }}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.column.cards.length > limit()}>
        <button type="button" class="show-more" onClick={() => props.moves.showMore(stage().id)}>
          Show {Math.min(PAGE * 4, props.column.cards.length - limit())} more
        </button>
      </Show>
    </section>
  );
}
