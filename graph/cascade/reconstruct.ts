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
 * `graph` (typed arrays, node-index accounts) or `following`, or up to
 * r² / 2 predicate calls with `follows`.
 */
import { assertNode, GraphError } from '../errors.ts';
import type {
  AccountId,
  Attribution,
  Cascade,
  ReconstructInput,
  ReconstructOptions,
} from './cascade.types.ts';
import { defaultCompareAccounts, reshareOrder } from './reshare-order.ts';

const WHERE = 'murmur/graph/cascade/reconstruct';

export const RECONSTRUCT_DEFAULTS = { rule: 'earliest' as 'earliest' | 'latest' };

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
  const { root, reshares, graph, following, follows, followsKnown } = input;
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
  if (!graph && !following && !follows) {
    throw new GraphError('invalid-input', `${WHERE}: pass \`graph\`, \`following\` or \`follows\``);
  }

  const { order, duplicates } = reshareOrder(root.account, reshares, compareAccounts, graph?.nodeCount);

  const size = order.length + 1;
  const accounts: Id[] = new Array(size);
  const times = new Float64Array(size);
  const source = new Int32Array(size);
  accounts[0] = root.account;
  times[0] = root.time;
  source[0] = -1;
  for (let i = 1; i < size; i++) {
    const k = order[i - 1];
    accounts[i] = reshares[k].account;
    times[i] = reshares[k].time;
    source[i] = k;
  }
  // Account -> node: a dense array over the graph's node indices, else a Map.
  const index = new Map<Id, number>();
  const position = graph ? new Int32Array(graph.nodeCount).fill(-1) : null;
  for (let i = 0; i < size; i++) {
    if (position) {
      assertNode(accounts[i] as number, position.length, 'cascade/reconstruct');
      position[accounts[i] as number] = i;
    } else index.set(accounts[i], i);
  }
  const indexOf = (a: Id): number | undefined => {
    if (!position) return index.get(a);
    const j = typeof a === 'number' && a >= 0 && a < position.length ? position[a] : -1;
    return j < 0 ? undefined : j;
  };

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
      const j = indexOf(via);
      if (j !== undefined && j !== i && earlier(j, i)) {
        p = j;
        how = 'via';
      } else counts.viaIgnored++;
    }

    if (times[i] < root.time) counts.beforeRoot++;
    else if (p < 0 && graph && position) {
      const { outOffsets, outTargets } = graph;
      const v = account as number;
      const t = times[i];
      for (let e = outOffsets[v]; e < outOffsets[v + 1]; e++) {
        const j = position[outTargets[e]];
        if (j >= 0 && (j === 0 || times[j] < t) && (p < 0 || (latest ? j > p : j < p))) p = j;
      }
      if (p >= 0) how = 'followed';
    } else if (p < 0 && following) {
      const list = following(account);
      if (list === undefined) unknown = true;
      else {
        // Candidate j is an earlier sharer (root, or strictly earlier time); keep the earliest or latest.
        const t = times[i];
        if (Array.isArray(list) || ArrayBuffer.isView(list)) {
          const array = list as ArrayLike<Id>;
          for (let k = 0; k < array.length; k++) {
            const j = index.get(array[k]);
            if (j !== undefined && (j === 0 || times[j] < t) && (p < 0 || (latest ? j > p : j < p))) p = j;
          }
        } else {
          for (const followee of list) {
            const j = index.get(followee);
            if (j !== undefined && (j === 0 || times[j] < t) && (p < 0 || (latest ? j > p : j < p))) p = j;
          }
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
