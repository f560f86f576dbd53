import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { BoardStage, Card } from '../../deals/deals.data.ts';

/** A card's actions as a menu: move up, down or to another stage, or open the deal. */
export function CardMenu(props: {
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
