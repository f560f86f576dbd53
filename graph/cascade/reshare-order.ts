/**
 * Murmur graph/cascade/reshare-order
 * ==================================
 *
 * The order reconstruction works in: one reshare per account (its earliest;
 * the root's own account never counts), sorted by time with equal times
 * ordered by account, so the result never depends on the order a platform
 * listed reshares in.
 */
import { GraphError } from '../errors.ts';
import type { AccountId, ReshareInput } from './cascade.types.ts';

const WHERE = 'murmur/graph/cascade/reconstruct';

export function defaultCompareAccounts(a: AccountId, b: AccountId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Earliest reshare per account (ties: first listed), root's account excluded. */
export function firstReshares<Id extends AccountId>(
  rootAccount: Id,
  reshares: readonly ReshareInput<Id>[],
): { kept: Map<Id, number>; duplicates: number } {
  const kept = new Map<Id, number>();
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
    const previous = kept.get(account);
    if (previous === undefined) kept.set(account, k);
    else {
      duplicates++;
      if (time < reshares[previous].time) kept.set(account, k);
    }
  }
  return { kept, duplicates };
}

/** Input indices of the kept reshares in time order, ties by `compareAccounts`. */
export function reshareOrder<Id extends AccountId>(
  rootAccount: Id,
  reshares: readonly ReshareInput<Id>[],
  compareAccounts: (a: Id, b: Id) => number,
): { order: number[]; duplicates: number } {
  const { kept, duplicates } = firstReshares(rootAccount, reshares);
  const order = Array.from(kept.values());
  // Sort on a flat time array: comparator calls dominate on 100k reshares.
  const keptTime = new Float64Array(reshares.length);
  for (const k of order) keptTime[k] = reshares[k].time;
  order.sort(
    (a, b) => keptTime[a] - keptTime[b] || compareAccounts(reshares[a].account, reshares[b].account),
  );
  return { order, duplicates };
}
