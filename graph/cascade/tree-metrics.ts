/**
 * Murmur graph/cascade/tree-metrics
 * =================================
 *
 * The shape of one cascade tree, as in Goel, Anderson, Hofman & Watts 2016
 * ("The structural virality of online diffusion", Management Science 62(1))
 * and Cheng, Adamic, Dow, Kleinberg & Leskovec 2014 ("Can cascades be
 * predicted?", WWW '14): size, depth, maximum breadth (the largest level),
 * structural virality, time to half of the final size, and the share of the
 * spread that is word of mouth.
 *
 * Word of mouth is a reshare by someone outside the influencer's followers
 * when that set is given (they cannot have seen the post directly); without
 * it, a reshare whose parent is not the root. `basis` says which one.
 * Time to half counts reshares only: the time after the post at which
 * ⌈reshares / 2⌉ of them had happened.
 */
import { GraphError } from '../errors.ts';
import type { AccountId, CascadeMetrics, CascadeMetricsOptions, CascadeTree } from './cascade.types.ts';
import { structuralVirality } from './structural-virality.ts';
import { treeOrder } from './tree-order.ts';

const WHERE = 'murmur/graph/cascade/tree-metrics';

function timeToHalf(times: Float64Array, root: number): number | null {
  const n = times.length;
  if (n < 2) return null;
  const reshareTimes = new Float64Array(n - 1);
  for (let v = 0, k = 0; v < n; v++) if (v !== root) reshareTimes[k++] = times[v];
  reshareTimes.sort();
  return reshareTimes[Math.ceil((n - 1) / 2) - 1] - times[root];
}

/**
 * @example
 * const cascade = reconstructCascade(input);
 * const m = cascadeMetrics(cascade, { accounts: cascade.accounts, influencerFollowers: followerSet });
 * m.structuralVirality; // 2.4
 * m.wordOfMouth; // { count: 31, share: 0.62, basis: 'followers' }
 */
export function cascadeMetrics<Id extends AccountId>(
  tree: CascadeTree,
  options: CascadeMetricsOptions<Id> = {},
): CascadeMetrics {
  const { parent, times } = tree;
  const { accounts, influencerFollowers } = options;
  const n = parent.length;
  const { root, order } = treeOrder(parent, 'tree-metrics');
  if (times && times.length !== n) {
    throw new GraphError('length-mismatch', `${WHERE}: ${n} parents but ${times.length} times`);
  }
  if (influencerFollowers && (!accounts || accounts.length !== n)) {
    throw new GraphError('length-mismatch', `${WHERE}: influencerFollowers needs one account per node`);
  }

  const depthOf = new Int32Array(n);
  let depth = 0;
  for (let k = 1; k < n; k++) {
    const v = order[k];
    const d = depthOf[parent[v]] + 1;
    depthOf[v] = d;
    if (d > depth) depth = d;
  }
  const levels = new Int32Array(depth + 1);
  for (let v = 0; v < n; v++) levels[depthOf[v]]++;
  let maxBreadth = 0;
  let maxBreadthDepth = 0;
  for (let d = 1; d <= depth; d++) {
    if (levels[d] > maxBreadth) {
      maxBreadth = levels[d];
      maxBreadthDepth = d;
    }
  }

  let count = 0;
  for (let v = 0; v < n; v++) {
    if (v === root) continue;
    if (influencerFollowers ? !influencerFollowers.has(accounts![v]) : parent[v] !== root) count++;
  }
  const reshares = n - 1;
  return {
    size: n,
    reshares,
    depth,
    maxBreadth,
    maxBreadthDepth,
    structuralVirality: structuralVirality(parent),
    timeToHalf: times ? timeToHalf(times, root) : null,
    wordOfMouth: {
      count,
      share: reshares > 0 ? count / reshares : null,
      basis: influencerFollowers ? 'followers' : 'tree',
    },
  };
}
