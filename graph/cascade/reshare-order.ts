/**
 * Murmur graph/cascade/reshare-order
 * ==================================
 *
 * The order reconstruction works in: one reshare per account (its earliest;
 * the root's own account never counts), sorted by time with equal times
 * ordered by account, so the result never depends on the order a platform
 * listed reshares in.
 */
import { assertNode, GraphError } from '../errors.ts';
import type { AccountId, ReshareInput } from './cascade.types.ts';

const WHERE = 'murmur/graph/cascade/reconstruct';

export function defaultCompareAccounts(a: AccountId, b: AccountId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Earliest reshare per account (ties: first listed), root's account excluded,
 * as input indices. With `nodeCount` the accounts are node indices and a
 * dense array replaces the Map.
 */
export function firstReshares<Id extends AccountId>(
  rootAccount: Id,
  reshares: readonly ReshareInput<Id>[],
  nodeCount?: number,
): { kept: number[]; duplicates: number } {
  const kept: number[] = [];
  const slotMap = nodeCount === undefined ? new Map<Id, number>() : null;
  const slotArray = nodeCount === undefined ? null : new Int32Array(nodeCount).fill(-1);
  let duplicates = 0;
  for (let k = 0; k < reshares.length; k++) {
    const { account, time } = reshares[k];
    if (!Number.isFinite(time)) {
      throw new GraphError(
        'invalid-input',
        `${WHERE}: reshares[${k}].time must be a finite number, got ${time}`,
      );
    }
    if (account === rootAccount) {
      duplicates++;
      continue;
    }
    let slot: number | undefined;
    if (slotArray) {
      assertNode(account as number, slotArray.length, 'cascade/reconstruct');
      slot = slotArray[account as number];
      if (slot < 0) slotArray[account as number] = kept.length;
    } else {
      slot = slotMap!.get(account);
      if (slot === undefined) slotMap!.set(account, kept.length);
    }
    if (slot === undefined || slot < 0) kept.push(k);
    else {
      duplicates++;
      if (time < reshares[kept[slot]].time) kept[slot] = k;
    }
  }
  return { kept, duplicates };
}

/** Input indices of the kept reshares in time order, ties by `compareAccounts`. */
export function reshareOrder<Id extends AccountId>(
  rootAccount: Id,
  reshares: readonly ReshareInput<Id>[],
  compareAccounts: (a: Id, b: Id) => number,
  nodeCount?: number,
): { order: number[]; duplicates: number } {
  const { kept: order, duplicates } = firstReshares(rootAccount, reshares, nodeCount);
  // Sort on a flat time array: comparator calls dominate on 100k reshares.
  const keptTime = new Float64Array(reshares.length);
  for (const k of order) keptTime[k] = reshares[k].time;
  order.sort(
    (a, b) => keptTime[a] - keptTime[b] || compareAccounts(reshares[a].account, reshares[b].account),
  );
  return { order, duplicates };
}
