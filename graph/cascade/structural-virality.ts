/**
 * Murmur graph/cascade/structural-virality
 * ========================================
 *
 * Structural virality (Goel, Anderson, Hofman & Watts 2016, "The structural
 * virality of online diffusion", Management Science 62(1)): the mean
 * shortest-path distance over all n(n − 1) / 2 pairs of nodes of a cascade
 * tree. A broadcast (star) scores 2(n − 1)/n → 2; a chain of n nodes
 * (n + 1)/3; person-to-person spread scores high.
 *
 * The sum of all pairwise distances is the Wiener index (Wiener 1947,
 * "Structural determination of paraffin boiling points", JACS 69). In a tree
 * each edge lies on the path of exactly s(n − s) pairs, s being the size of
 * the subtree below it, so W = Σ s(n − s) over edges: O(n) from subtree
 * sizes instead of the O(n²) all-pairs walk in the paper.
 */
import { treeOrder } from './tree-order.ts';

/**
 * Sum of shortest-path distances over all pairs of nodes.
 *
 * @example
 * wienerIndex(Int32Array.of(-1, 0, 1, 2)); // 10 (a chain of 4: n-butane)
 */
export function wienerIndex(parent: Int32Array): number {
  const { order } = treeOrder(parent, 'structural-virality');
  const n = parent.length;
  const subtree = new Int32Array(n).fill(1);
  let sum = 0;
  for (let k = n - 1; k > 0; k--) {
    const v = order[k];
    const s = subtree[v];
    sum += s * (n - s);
    subtree[parent[v]] += s;
  }
  return sum;
}

/**
 * Mean distance between two nodes of the tree; null for a single node.
 *
 * @example
 * structuralVirality(Int32Array.of(-1, 0, 0, 0)); // 1.5 (star of 4: 2 · 3/4)
 */
export function structuralVirality(parent: Int32Array): number | null {
  const n = parent.length;
  const w = wienerIndex(parent);
  return n < 2 ? null : (2 * w) / (n * (n - 1));
}
