/**
 * Murmur graph/plan/coverage-greedy
 * =================================
 *
 * Maximum coverage of RR sets, the selection step of every RIS algorithm:
 * - k accounts: greedy by marginal coverage, within 1 − 1/e of the best
 *   cover (Nemhauser, Wolsey & Fisher 1978, "An analysis of approximations
 *   for maximizing submodular set functions").
 * - A budget with unequal fees: greedy by marginal coverage per fee, skipping
 *   accounts the rest of the budget cannot pay, then the better of that and
 *   the best single affordable account: ½(1 − 1/e) of the best affordable
 *   cover (Khuller, Moss & Naor 1999, "The budgeted maximum coverage
 *   problem"; for influence, Nguyen & Zheng 2013, "On budgeted influence
 *   maximization in social networks").
 * Fixed accounts cover their sets first; picks are greedy after them.
 *
 * Lazy evaluation (CELF) over an inverted node → RR-set index; gains are
 * kept exact by decrementing every node of a newly covered set, so the work
 * is linear in the total RR-set size plus heap operations.
 *
 * `upperBound` is OPIM-C's bound on the best cover's size (Tang, Tang, Xiao
 * & Yuan, SIGMOD 2018, "Online processing algorithms for influence
 * maximization", Lemma 4.2, extended to fees): for any greedy prefix S_i,
 * best ≤ cover(S_i) + the fractional knapsack of marginal gains given S_i —
 * with unit fees, the k largest gains. Evaluated after 0, 1, 2, 4, … picks.
 */
import { MaxHeap } from './max-heap.ts';
import type { RRCollection } from './plan.types.ts';

export type CoverageInput = {
  rr: RRCollection;
  /** Fee per node; null = every fee is 1. */
  costs: Float64Array | null;
  eligible: Uint8Array | null;
  fixed: ArrayLike<number>;
  /** Picks allowed after the fixed nodes (cardinality), or null with `budget`. */
  maxPicks: number | null;
  /** Budget left after the fixed nodes' fees, or null with `maxPicks`. */
  budget: number | null;
  /** Budget mode: also consider the best single affordable node (Khuller et al.). */
  bestSingle: boolean;
  /** Compute `upperBound` (costs a sort of all gains per checkpoint). */
  bound: boolean;
};

export type CoverageSelection = {
  /** Sets newly covered by each fixed node, in order. */
  fixedGains: number[];
  picks: number[];
  /** Sets newly covered by each pick. */
  gains: number[];
  covered: number;
  selectedBy: 'greedy' | 'best-single';
  /** Upper bound on sets covered by the best feasible set (fixed included); Infinity without `bound`. */
  upperBound: number;
};

type Index = { offsets: Int32Array; sets: Int32Array };

function invertedIndex(rr: RRCollection): Index {
  const n = rr.nodeCount;
  const size = rr.offsets[rr.count];
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < size; i++) offsets[rr.nodes[i] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const sets = new Int32Array(size);
  const cursor = offsets.slice(0, n);
  for (let s = 0; s < rr.count; s++) {
    for (let i = rr.offsets[s]; i < rr.offsets[s + 1]; i++) sets[cursor[rr.nodes[i]]++] = s;
  }
  return { offsets, sets };
}

/** Fractional knapsack over current gains: the most a feasible addition could still cover. */
function knapsackBound(input: CoverageInput, gain: Int32Array, blocked: Uint8Array): number {
  const n = input.rr.nodeCount;
  const capacity = input.maxPicks ?? input.budget!;
  const fee = (v: number) => (input.costs ? input.costs[v] : 1);
  const order: number[] = [];
  let free = 0;
  for (let v = 0; v < n; v++) {
    if (gain[v] <= 0 || blocked[v] || (input.eligible && !input.eligible[v])) continue;
    if (input.maxPicks === null && fee(v) === 0) free += gain[v];
    else order.push(v);
  }
  const ratio = (v: number) => (input.maxPicks === null ? gain[v] / fee(v) : gain[v]);
  order.sort((a, b) => ratio(b) - ratio(a));
  let left = capacity;
  let total = free;
  for (const v of order) {
    const c = input.maxPicks === null ? fee(v) : 1;
    if (c <= left) {
      total += gain[v];
      left -= c;
    } else {
      total += gain[v] * (left / c);
      break;
    }
  }
  return total;
}

/**
 * @example
 * const { picks, gains, covered } = greedyCoverage({ rr, costs: null, eligible: null, fixed: [],
 *   maxPicks: 10, budget: null, bestSingle: false, bound: false });
 */
export function greedyCoverage(input: CoverageInput): CoverageSelection {
  const { rr, costs, eligible, fixed, maxPicks, budget } = input;
  const n = rr.nodeCount;
  const index = invertedIndex(rr);
  const gain = new Int32Array(n);
  for (let v = 0; v < n; v++) gain[v] = index.offsets[v + 1] - index.offsets[v];
  const covered = new Uint8Array(rr.count);
  const chosen = new Uint8Array(n);
  let total = 0;
  const cover = (v: number): number => {
    let newly = 0;
    for (let i = index.offsets[v]; i < index.offsets[v + 1]; i++) {
      const s = index.sets[i];
      if (covered[s]) continue;
      covered[s] = 1;
      newly++;
      for (let j = rr.offsets[s]; j < rr.offsets[s + 1]; j++) gain[rr.nodes[j]]--;
    }
    chosen[v] = 1;
    total += newly;
    return newly;
  };
  const fixedGains = Array.from(fixed, (v) => (chosen[v] ? 0 : cover(v)));
  const fixedTotal = total;
  const fee = (v: number) => (costs ? costs[v] : 1);
  const byBudget = maxPicks === null;
  const key = (v: number) => {
    if (!byBudget) return gain[v];
    const c = fee(v);
    return c > 0 ? gain[v] / c : gain[v] > 0 ? Number.POSITIVE_INFINITY : 0;
  };

  let single = -1;
  if (byBudget && input.bestSingle) {
    for (let v = 0; v < n; v++) {
      if (chosen[v] || (eligible && !eligible[v]) || fee(v) > budget!) continue;
      if (single < 0 || gain[v] > gain[single]) single = v;
    }
  }
  const singleGain = single >= 0 ? gain[single] : 0;

  let upperBound = Number.POSITIVE_INFINITY;
  const heap = new MaxHeap(n);
  for (let v = 0; v < n; v++) if (!chosen[v] && (!eligible || eligible[v])) heap.push(key(v), v);
  const picks: number[] = [];
  const gains: number[] = [];
  let left = byBudget ? budget! : maxPicks!;
  let nextCheck = 0;
  for (;;) {
    if (input.bound && picks.length === nextCheck) {
      upperBound = Math.min(upperBound, total + knapsackBound(input, gain, chosen));
      nextCheck = nextCheck === 0 ? 1 : nextCheck * 2;
    }
    if (!byBudget && picks.length >= maxPicks!) break;
    let pick = -1;
    while (heap.size > 0) {
      const v = heap.topNode();
      if (byBudget && fee(v) > left) {
        heap.pop();
        continue;
      }
      const current = key(v);
      if (current === heap.topKey()) {
        pick = v;
        heap.pop();
        break;
      }
      heap.pop();
      heap.push(current, v);
    }
    if (pick < 0 || (byBudget && gain[pick] === 0)) break;
    left -= byBudget ? fee(pick) : 1;
    picks.push(pick);
    gains.push(cover(pick));
  }
  if (input.bound) {
    upperBound = Math.min(upperBound, total + knapsackBound(input, gain, chosen));
    // A-priori greedy bound for k picks (Nemhauser et al.): best − fixed ≤ (greedy − fixed) / (1 − 1/e).
    if (!byBudget && picks.length === maxPicks) {
      upperBound = Math.min(upperBound, fixedTotal + (total - fixedTotal) / (1 - 1 / Math.E));
    }
  }
  if (single >= 0 && fixedTotal + singleGain > total) {
    return {
      fixedGains,
      picks: [single],
      gains: [singleGain],
      covered: fixedTotal + singleGain,
      selectedBy: 'best-single',
      upperBound,
    };
  }
  return { fixedGains, picks, gains, covered: total, selectedBy: 'greedy', upperBound };
}
