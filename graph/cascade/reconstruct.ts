/**
 * Murmur graph/cascade/reconstruct
 * ================================
 *
 * Reshare cascade reconstruction from follow relations and times, the way
 * diffusion trees are inferred when a platform attributes every reshare to
 * the original post (Goel, Watts & Goldstein 2012, "The structure of online
 * diffusion networks", EC '12; Goel, Anderson, Hofman & Watts 2016, "The
 * structural virality of online diffusion", Management Science 62(1)): each
 * resharer is attributed to the earliest earlier sharer it follows, the
 * root included, or to the root when it follows none. A platform's own
 * reference (a Bluesky repost's `via`) wins when it points to an earlier
 * sharer. `rule: 'latest'` picks the most recent earlier sharer followed
 * instead (the last exposure before the reshare).
 *
 * Rules that make the output deterministic and explainable:
 * - an account counts once: its earliest reshare is kept, later ones are
 *   counted in `counts.duplicates` (so are reshares by the root's account);
 * - reshares are ordered by time, equal times by `compareAccounts`, never by
 *   the order the platform listed them in; a parent must be strictly earlier
 *   (equal times cannot see each other), except the root, which precedes all;
 * - reshares timed before the root post (clock skew) are kept and attributed
 *   to the root (unless `via` names an even earlier one);
 * - a resharer whose follows are unknown is flagged in `followsUnknown`: its
 *   `fallback` may hide a real parent, and a `followed` parent found through
 *   partial data may not be the earliest.
 *
 * Cost: O(r log r) for the sort plus the resharers' follow counts with
 * `following`, or up to r² / 2 predicate calls with `follows`.
 */
import { GraphError } from '../errors.ts';
import type {
  AccountId,
  Attribution,
  Cascade,
  ReconstructInput,
  ReconstructOptions,
  ReshareInput,
} from './cascade.types.ts';

const WHERE = 'murmur/graph/cascade/reconstruct';

export const RECONSTRUCT_DEFAULTS = { rule: 'earliest' as 'earliest' | 'latest' };

export function defaultCompareAccounts(a: AccountId, b: AccountId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Earliest reshare per account (ties: first listed), root's account excluded. */
function firstReshares<Id extends AccountId>(
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

/**
 * @example
 * const cascade = reconstructCascade({
 *   root: { account: 'influencer', time: 0 },
 *   reshares: [{ account: 'ann', time: 10 }, { account: 'bob', time: 20, via: 'ann' }],
 *   following: (account) => followsOf.get(account), // undefined = not fetched
 * });
 * cascade.parent; // Int32Array [-1, 0, 1]
 * cascade.attribution; // ['root', 'fallback', 'via']
 */
export function reconstructCascade<Id extends AccountId>(
  input: ReconstructInput<Id>,
  options: ReconstructOptions<Id> = {},
): Cascade<Id> {
  const { root, reshares, following, follows, followsKnown } = input;
  const { rule, compareAccounts } = {
    ...RECONSTRUCT_DEFAULTS,
    compareAccounts: defaultCompareAccounts as (a: Id, b: Id) => number,
    ...options,
  };
  if (rule !== 'earliest' && rule !== 'latest') {
    throw new GraphError('invalid-option', `${WHERE}: rule must be 'earliest' or 'latest', got ${rule}`);
  }
  const latest = rule === 'latest';
  if (!Number.isFinite(root.time)) {
    throw new GraphError('invalid-input', `${WHERE}: root.time must be a finite number, got ${root.time}`);
  }
  if (!following && !follows) {
    throw new GraphError('invalid-input', `${WHERE}: pass \`following\` or \`follows\``);
  }

  const { kept, duplicates } = firstReshares(root.account, reshares);
  const order = Array.from(kept.values());
  order.sort(
    (a, b) =>
      reshares[a].time - reshares[b].time || compareAccounts(reshares[a].account, reshares[b].account),
  );

  const size = order.length + 1;
  const accounts: Id[] = new Array(size);
  const times = new Float64Array(size);
  const source = new Int32Array(size);
  const index = new Map<Id, number>();
  accounts[0] = root.account;
  times[0] = root.time;
  source[0] = -1;
  index.set(root.account, 0);
  for (let i = 1; i < size; i++) {
    const k = order[i - 1];
    accounts[i] = reshares[k].account;
    times[i] = reshares[k].time;
    source[i] = k;
    index.set(reshares[k].account, i);
  }

  const parent = new Int32Array(size);
  const depth = new Int32Array(size);
  const attribution: Attribution[] = new Array(size);
  const followsUnknown = new Uint8Array(size);
  const counts = {
    via: 0,
    followed: 0,
    fallback: 0,
    followsUnknown: 0,
    duplicates,
    viaIgnored: 0,
    beforeRoot: 0,
  };
  parent[0] = -1;
  attribution[0] = 'root';

  // Node j is earlier than node i when it is the root or strictly earlier in time.
  const earlier = (j: number, i: number) => j === 0 || times[j] < times[i];

  for (let i = 1; i < size; i++) {
    const account = accounts[i];
    let p = -1;
    let how: Attribution = 'fallback';
    let unknown = followsKnown ? !followsKnown(account) : false;

    const via = reshares[source[i]].via;
    if (via !== undefined && via !== null) {
      const j = index.get(via);
      if (j !== undefined && j !== i && earlier(j, i)) {
        p = j;
        how = 'via';
      } else counts.viaIgnored++;
    }

    if (times[i] < root.time) counts.beforeRoot++;
    else if (p < 0 && following) {
      const list = following(account);
      if (list === undefined) unknown = true;
      else {
        for (const followee of list) {
          const j = index.get(followee);
          if (j !== undefined && j < i && (p < 0 || (latest ? j > p : j < p)) && earlier(j, i)) p = j;
        }
        if (p >= 0) how = 'followed';
      }
    } else if (p < 0 && follows) {
      // Nodes are in time order, so the earlier sharers are a prefix 0..last.
      let last = i - 1;
      while (last > 0 && !earlier(last, i)) last--;
      for (let k = 0; k <= last; k++) {
        const j = latest ? last - k : k;
        if (follows(account, accounts[j])) {
          p = j;
          how = 'followed';
          break;
        }
      }
    }

    if (p < 0) p = 0;
    parent[i] = p;
    depth[i] = depth[p] + 1;
    attribution[i] = how;
    counts[how as 'via' | 'followed' | 'fallback']++;
    if (unknown) {
      followsUnknown[i] = 1;
      counts.followsUnknown++;
    }
  }

  return { size, accounts, times, parent, depth, attribution, followsUnknown, source, counts };
}
