/**
 * Murmur graph/cascade/earned-reach
 * =================================
 *
 * Earned reach of a post: distinct accounts reached through reshares beyond
 * the direct audience, i.e. |(∪ followers(sharer)) ∪ sharers \ (followers(influencer) ∪ {influencer})|.
 * The direct audience is subtracted exactly (membership test), so only the
 * union of what is left is counted: exactly in a set up to `exactLimit`
 * accounts, then with a HyperLogLog sketch (Flajolet, Fusy, Gandouet &
 * Meunier 2007; relative standard error 1.04 / sqrt(2^p), 1.6 % at p = 12).
 *
 * Sharers whose follower lists were not fetched cannot be unioned. They are
 * never silently dropped: their platform follower counts are summed (an
 * upper bound on what they add), and the estimate extrapolates them with the
 * novelty rate seen in the known lists (the share of list entries that were
 * new). That part has no error model, so `standardError` is null whenever it
 * is non-zero, and [low, high] brackets the truth instead.
 */
import { GraphError } from '../errors.ts';
import { hash32 } from '../random.ts';
import { hllEstimate, hllStandardError } from '../spread/hyperloglog.ts';
import type {
  AccountId,
  EarnedReach,
  EarnedReachInput,
  EarnedReachOptions,
  SharerAudience,
} from './cascade.types.ts';

const WHERE = 'murmur/graph/cascade/earned-reach';
const SEED = 0x9e3779b9;

export const EARNED_REACH_DEFAULTS = { exactLimit: 1_000_000, precision: 12, includeSharers: true };

/** 32-bit hash of a number (as `hllCodes` does for node indices) or a string (FNV-1a, then mixed). */
export function hashAccount(account: AccountId): number {
  if (typeof account === 'number') return hash32(account, SEED);
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 0x01000193);
  return hash32(h >>> 0, SEED);
}

/**
 * Exact distinct counter over node indices 0..nodeCount-1. `mark` remembers
 * 1 = counted, 2 = direct audience, so each account is tested against the
 * direct audience once however many lists it is on.
 */
function bitmapCounter<Id extends AccountId>(nodeCount: number, direct: (a: Id) => boolean) {
  const mark = new Uint8Array(nodeCount);
  let size = 0;
  const offer = (account: Id) => {
    const v = account as number;
    if (!(v >= 0 && v < nodeCount && Number.isInteger(v))) {
      throw new GraphError(
        'node-out-of-range',
        `${WHERE}: account ${v} is not a node (expected 0..${nodeCount - 1})`,
      );
    }
    if (mark[v] !== 0) return;
    if (direct(account)) mark[v] = 2;
    else {
      mark[v] = 1;
      size++;
    }
  };
  return { offer, exact: true, count: () => size };
}

/**
 * Distinct counter for any account keys: exact until `limit` accounts, then a
 * HyperLogLog sketch. While exact, `mark` remembers 1 = counted, 2 = direct
 * audience, so an account on many lists costs one lookup per list.
 */
function distinctCounter<Id extends AccountId>(
  limit: number,
  precision: number,
  hash: (a: Id) => number,
  direct: (a: Id) => boolean,
) {
  let mark: Map<Id, 1 | 2> | null = new Map();
  let size = 0;
  const registers = new Uint8Array(2 ** precision);
  const rest = 32 - precision;
  const sketch = (account: Id) => {
    const h = hash(account) >>> 0;
    const w = (h << precision) >>> 0;
    const rank = w === 0 ? rest + 1 : Math.clz32(w) + 1;
    const r = h >>> rest;
    if (registers[r] < rank) registers[r] = rank;
  };
  const offer = (account: Id) => {
    if (!mark) {
      if (!direct(account)) sketch(account);
      return;
    }
    if (mark.has(account)) return;
    if (direct(account)) {
      mark.set(account, 2);
      return;
    }
    mark.set(account, 1);
    if (++size > limit) {
      for (const [a, m] of mark) if (m === 1) sketch(a);
      mark = null;
    }
  };
  return {
    offer,
    get exact() {
      return mark !== null;
    },
    count(): number {
      return mark ? size : Math.round(hllEstimate(registers, 0, precision));
    },
  };
}

/**
 * @example
 * const reach = earnedReach({
 *   influencer: 'alice',
 *   influencerFollowers: new Set(aliceFollowers),
 *   sharers: [{ account: 'bob', followers: bobFollowers }, { account: 'eve', followerCount: 5200 }],
 * });
 * reach.kind; // 'estimate' (eve's list was not fetched)
 * [reach.low, reach.value, reach.high];
 */
export function earnedReach<Id extends AccountId>(
  input: EarnedReachInput<Id>,
  options: EarnedReachOptions<Id> = {},
): EarnedReach {
  const { influencer, influencerFollowers, sharers } = input;
  return countEarnedReach((a: Id) => a === influencer || influencerFollowers.has(a), sharers, options);
}

/**
 * The counting behind `earnedReach` and `earnedReachUnion`: distinct accounts on the sharers'
 * follower lists (and the sharers) for which `direct` is false, each sharer taken once as given.
 */
export function countEarnedReach<Id extends AccountId>(
  direct: (account: Id) => boolean,
  sharers: Iterable<SharerAudience<Id>>,
  options: EarnedReachOptions<Id> = {},
): EarnedReach {
  const { exactLimit, precision, includeSharers } = { ...EARNED_REACH_DEFAULTS, ...options };
  const hash = options.hash ?? (hashAccount as (account: Id) => number);
  if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
    throw new GraphError(
      'invalid-option',
      `${WHERE}: precision must be an integer in 4..16, got ${precision}`,
    );
  }
  if (!(exactLimit >= 0)) {
    throw new GraphError('invalid-option', `${WHERE}: exactLimit must be >= 0, got ${exactLimit}`);
  }
  const { nodeCount } = options;
  if (nodeCount !== undefined && !(Number.isInteger(nodeCount) && nodeCount >= 0)) {
    throw new GraphError(
      'invalid-option',
      `${WHERE}: nodeCount must be a non-negative integer, got ${nodeCount}`,
    );
  }
  const counter =
    nodeCount === undefined
      ? distinctCounter<Id>(exactLimit, precision, hash, direct)
      : bitmapCounter<Id>(nodeCount, direct);

  let known = 0;
  let entries = 0;
  let followerCountSum = 0;
  let unknownSharers = 0;
  let withoutCount = 0;
  const accounts: Id[] = [];
  for (const sharer of sharers) {
    accounts.push(sharer.account);
    if (!sharer.followers) {
      unknownSharers++;
      const c = sharer.followerCount;
      if (c === undefined || !Number.isFinite(c) || c < 0) withoutCount++;
      else followerCountSum += c;
      continue;
    }
    known++;
    const list = sharer.followers;
    if (Array.isArray(list) || ArrayBuffer.isView(list)) {
      const array = list as ArrayLike<Id>;
      entries += array.length;
      for (let k = 0; k < array.length; k++) counter.offer(array[k]);
    } else {
      for (const follower of list) {
        entries++;
        counter.offer(follower);
      }
    }
  }
  const fromLists = counter.count();
  const noveltyRate = entries > 0 ? Math.min(1, fromLists / entries) : 1;
  if (includeSharers) for (const account of accounts) counter.offer(account);

  const counted = counter.count();
  const method = counter.exact ? 'exact' : 'hyperloglog';
  const se = method === 'exact' ? 0 : hllStandardError(precision);
  const extrapolated = Math.round(followerCountSum * noveltyRate);
  const value = counted + extrapolated;
  const complete = unknownSharers === 0;
  return {
    value,
    kind: complete && method === 'exact' ? 'exact' : 'estimate',
    low: Math.max(0, Math.floor(counted * (1 - 2 * se))),
    high: withoutCount > 0 ? null : Math.ceil(counted * (1 + 2 * se)) + followerCountSum,
    standardError: complete ? se : null,
    counted: { value: counted, method, standardError: se, sharers: known },
    uncounted: { sharers: unknownSharers, followerCountSum, withoutCount, noveltyRate, extrapolated },
  };
}
