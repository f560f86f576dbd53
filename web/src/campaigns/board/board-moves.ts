/**
 * The board's move controller: the cards as the person sees them, moved at once on screen
 * and sent to the server one move after another per card; a refused move puts every card
 * back where it was (an over-budget refusal waits for the person to confirm instead).
 */
import { useAction } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { type Board, type BoardStage, type Card, moveDeal } from '../../deals/deals.data.ts';
import { errorMessage, isOverBudget } from '../../lib/trpc.ts';

/** Cards shown per column before "Show more". */
export const PAGE = 50;

export type PendingMove = { card: Card; stageId: string; position: number; message: string };
export type BoardColumnData = { stage: BoardStage; cards: Card[]; fee: number };
export type MoveOptions = { acceptOverBudget?: boolean; refocus?: boolean };

export function createBoardMoves(props: { board: Board; canWrite: boolean }) {
  const [state, setState] = createStore<{ cards: Card[] }>({ cards: [] });
  createEffect(
    on(
      () => props.board.cards,
      (cards) => setState('cards', reconcile(cards, { key: 'id' })),
    ),
  );
  const move = useAction(moveDeal);
  const [notice, setNotice] = createSignal<string>();
  const [announcement, setAnnouncement] = createSignal('');
  const [pending, setPending] = createSignal<PendingMove>();
  const inFlight = new Map<string, Promise<unknown>>();
  const currency = () => props.board.campaign.currency;
  // Long columns show their first cards and the rest on request: the board opens fast at any size.
  const [limits, setLimits] = createSignal<Record<string, number>>({});
  const limitOf = (stageId: string) => limits()[stageId] ?? PAGE;
  const showMore = (stageId: string) => setLimits({ ...limits(), [stageId]: limitOf(stageId) + PAGE * 4 });

  const columns = createMemo((): BoardColumnData[] => {
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

  const focusCard = (id: string) =>
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-deal-id="${id}"]`)?.focus());

  const moveCard = async (card: Card, stageId: string, position: number, options: MoveOptions = {}) => {
    if (!props.canWrite) return;
    const { acceptOverBudget = false, refocus = false } = options;
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

  /** Shift + arrow keys on a focused card: the neighbouring column or slot. True when it moved. */
  const moveByKey = (event: KeyboardEvent, card: Card): boolean => {
    if (!event.shiftKey || !props.canWrite) return false;
    const stages = props.board.stages;
    const column = columnOf(card.stageId);
    const index = column.findIndex((c) => c.id === card.id);
    const s = stageIndex(card.stageId);
    let target: [string, number] | undefined;
    if (event.key === 'ArrowRight' && s < stages.length - 1) {
      target = [stages[s + 1].id, Math.min(index, columnOf(stages[s + 1].id).length)];
    } else if (event.key === 'ArrowLeft' && s > 0) {
      target = [stages[s - 1].id, Math.min(index, columnOf(stages[s - 1].id).length)];
    } else if (event.key === 'ArrowUp' && index > 0) target = [card.stageId, index - 1];
    else if (event.key === 'ArrowDown' && index < column.length - 1) target = [card.stageId, index + 1];
    if (!target) return false;
    event.preventDefault();
    moveCard(card, target[0], target[1], { refocus: true });
    return true;
  };

  return {
    columns,
    currency,
    limitOf,
    showMore,
    notice,
    dismissNotice: () => setNotice(undefined),
    announcement,
    pending,
    cardById: (id: string | undefined) => state.cards.find((c) => c.id === id),
    moveCard,
    moveByKey,
    /** The person agreed to go over budget: send the refused move again, accepting it. */
    confirmPending: () => {
      const p = pending()!;
      setPending(undefined);
      moveCard(p.card, p.stageId, p.position, { acceptOverBudget: true });
    },
    cancelPending: () => setPending(undefined),
  };
}

export type BoardMoves = ReturnType<typeof createBoardMoves>;
