/**
 * Murmur graph/plan/learned-cascade
 * =================================
 *
 * Independent-cascade probabilities learned from observed reshares, with the
 * static Bernoulli model of Goyal, Bonchi & Lakshmanan (WSDM 2010, "Learning
 * influence probabilities in social networks"), eq. (1):
 *
 *   p(v → u) = A(v→u) / A(v)
 *
 * where A(v) is the number of cascades (posts) v acted in, and A(v→u) the
 * number in which the action propagated from v to u. An action of u
 * propagates from v when u follows v and
 * - the platform names v as the account u reshared from (`parentAccount`), or
 * - no parent is given and v acted earlier in the same cascade (Goyal et al.'s
 *   definition: every followed account that acted before gets the credit).
 * Each account counts once per cascade (its earliest action).
 *
 * Fallback: an edge whose source never acted in any cascade has no
 * observation, so it keeps its weighted-cascade probability 1 / (accounts u
 * follows). `priorWeight` w > 0 shrinks sparse estimates towards that value,
 * (A(v→u) + w·p_wc) / (A(v) + w); the default w = 0 is the paper's estimate.
 */
import type { Csr } from '../build/csr.ts';
import { PlanError } from './plan.errors.ts';
import type { InfluenceGraph, PropagationAction } from './plan.types.ts';

export const LEARNED_DEFAULTS = { priorWeight: 0 };

const WHERE = 'murmur/graph/plan/learned-cascade';

/** Index of flow edge v → u (u follows v) in u's reverse list, or -1. */
function reverseEdge(csr: Csr, v: number, u: number): number {
  let lo = csr.outOffsets[u];
  let hi = csr.outOffsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = csr.outTargets[mid];
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function checkNode(node: number, n: number, what: string): void {
  if (!Number.isInteger(node) || node < 0 || node >= n) {
    throw new PlanError(
      'node-out-of-range',
      `${WHERE}: ${what} ${node} is not a node (expected 0..${n - 1})`,
    );
  }
}

/** Earliest action per account, in time order. */
function firstActions(cascade: ReadonlyArray<PropagationAction>, n: number): PropagationAction[] {
  const first = new Map<number, PropagationAction>();
  for (const action of cascade) {
    checkNode(action.account, n, 'account');
    if (action.parentAccount !== null) checkNode(action.parentAccount, n, 'parentAccount');
    if (!Number.isFinite(action.time)) {
      throw new PlanError('invalid-input', `${WHERE}: action time must be finite, got ${action.time}`);
    }
    const seen = first.get(action.account);
    if (!seen || action.time < seen.time) first.set(action.account, action);
  }
  return [...first.values()].sort((a, b) => a.time - b.time);
}

/**
 * @example
 * const graph = learnedCascade(csr, [
 *   [{ account: 4, parentAccount: null, time: 0 }, { account: 9, parentAccount: 4, time: 60 }],
 * ]);
 * graph.learnedEdges; // edges out of accounts seen acting
 */
export function learnedCascade(
  csr: Csr,
  cascades: ReadonlyArray<ReadonlyArray<PropagationAction>>,
  options: { priorWeight?: number } = {},
): InfluenceGraph {
  const { priorWeight } = { ...LEARNED_DEFAULTS, ...options };
  if (!(priorWeight >= 0 && Number.isFinite(priorWeight))) {
    throw new PlanError(
      'invalid-option',
      `${WHERE}: priorWeight must be finite and >= 0, got ${priorWeight}`,
    );
  }
  const { nodeCount: n, edgeCount: m, outOffsets, outTargets, inOffsets, inSources } = csr;
  const actions = new Float64Array(n);
  const propagated = new Float64Array(m);
  const actedAt = new Int32Array(n).fill(-1);
  cascades.forEach((cascade, c) => {
    const ordered = firstActions(cascade, n);
    for (const { account: u, parentAccount } of ordered) {
      if (parentAccount !== null) {
        const e = reverseEdge(csr, parentAccount, u);
        if (e >= 0 && actedAt[parentAccount] === c) propagated[e]++;
      } else {
        for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
          if (actedAt[outTargets[e]] === c) propagated[e]++;
        }
      }
      actedAt[u] = c;
      actions[u]++;
    }
  });

  const reverseProbabilities = new Float64Array(m);
  let learnedEdges = 0;
  for (let u = 0; u < n; u++) {
    const follows = outOffsets[u + 1] - outOffsets[u];
    const wc = follows > 0 ? 1 / follows : 0;
    for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
      const a = actions[outTargets[e]];
      if (a > 0) {
        reverseProbabilities[e] = Math.min(1, (propagated[e] + priorWeight * wc) / (a + priorWeight));
        learnedEdges++;
      } else {
        reverseProbabilities[e] = wc;
      }
    }
  }
  // Follower lists are sorted and filled by increasing follower, so a cursor per source finds each edge.
  const probabilities = new Float64Array(m);
  const cursor = inOffsets.slice(0, n);
  for (let u = 0; u < n; u++) {
    for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
      probabilities[cursor[outTargets[e]]++] = reverseProbabilities[e];
    }
  }
  return {
    nodeCount: n,
    edgeCount: m,
    model: 'learned',
    offsets: inOffsets,
    targets: inSources,
    probabilities,
    reverseOffsets: outOffsets,
    sources: outTargets,
    reverseProbabilities,
    constantPerTarget: false,
    learnedEdges,
  };
}
