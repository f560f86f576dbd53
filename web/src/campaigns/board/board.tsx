import { createSignal, Index, Show } from 'solid-js';
import type { Board } from '../../deals/deals.data.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { BoardColumn } from './board-column.tsx';
import { createBoardMoves } from './board-moves.ts';

/**
 * A campaign's pipeline: a column per stage, cards that move by drag and drop, by keyboard
 * (Shift + arrow keys on a focused card) or from the card's menu. Moves show at once and
 * roll back if the server refuses them (see board-moves.ts).
 */
export function BoardView(props: { board: Board; canWrite: boolean }) {
  const moves = createBoardMoves(props);
  const [dragging, setDragging] = createSignal<string>();
  const [dropAt, setDropAt] = createSignal<{ stageId: string; index: number }>();
  const drag = { dragging, setDragging, dropAt, setDropAt };
  const [menuFor, setMenuFor] = createSignal<string>();

  return (
    <div class="board-wrap">
      <p id="board-help" class="muted small">
        Drag cards between columns, or focus a card and press Shift + arrow keys to move it. Enter opens the
        deal.
      </p>
      <p class="visually-hidden" aria-live="polite">
        {moves.announcement()}
      </p>
      <Show when={moves.notice()}>
        <div class="error" role="alert">
          <p>{moves.notice()}</p>
          <button type="button" onClick={moves.dismissNotice}>
            Dismiss
          </button>
        </div>
      </Show>
      <div class="board">
        {/* By position, not by object: every reload from the server makes new column objects, and
            re-creating the columns would drop the keyboard focus from the card a person is on. */}
        <Index each={moves.columns()}>
          {(column) => (
            <BoardColumn
              column={column()}
              stages={props.board.stages}
              moves={moves}
              drag={drag}
              canWrite={props.canWrite}
              menuFor={menuFor()}
              onMenu={setMenuFor}
            />
          )}
        </Index>
      </div>
      <ConfirmDialog
        open={!!moves.pending()}
        title="Over budget"
        message={moves.pending()?.message ?? ''}
        confirmLabel="Move anyway"
        onCancel={moves.cancelPending}
        onConfirm={moves.confirmPending}
      />
    </div>
  );
}
