/**
 * Murmur graph/cascade/tree-order
 * ===============================
 *
 * Breadth-first order of a tree given as a parent array (root = -1), with
 * validation: exactly one root, parents in range, no cycles. Reconstructed
 * cascades have `parent[i] < i`, so index order already is a valid
 * top-down order and this returns it without building child lists; any other
 * tree gets a counting-sort child index and a breadth-first walk, O(n).
 */
import { GraphError } from '../errors.ts';

export type TreeOrder = {
  root: number;
  /** Every node once, each after its parent. */
  order: Int32Array;
};

export function treeOrder(parent: Int32Array, where: string): TreeOrder {
  const n = parent.length;
  if (!(parent instanceof Int32Array) || n === 0) {
    throw new GraphError(
      'invalid-input',
      `murmur/graph/cascade/${where}: parent must be a non-empty Int32Array`,
    );
  }
  let root = -1;
  let topological = true;
  for (let v = 0; v < n; v++) {
    const p = parent[v];
    if (p === -1) {
      if (root >= 0) {
        throw new GraphError('invalid-input', `murmur/graph/cascade/${where}: two roots (${root} and ${v})`);
      }
      root = v;
    } else if (p < 0 || p >= n || p === v) {
      throw new GraphError(
        'node-out-of-range',
        `murmur/graph/cascade/${where}: parent[${v}] = ${p} is not a node`,
      );
    } else if (p > v) topological = false;
  }
  if (root < 0) throw new GraphError('invalid-input', `murmur/graph/cascade/${where}: no root (parent -1)`);
  if (topological && root === 0) {
    const order = new Int32Array(n);
    for (let v = 0; v < n; v++) order[v] = v;
    return { root, order };
  }

  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) if (v !== root) offsets[parent[v] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const children = new Int32Array(n - 1);
  for (let v = 0; v < n; v++) if (v !== root) children[fill[parent[v]]++] = v;
  const order = new Int32Array(n);
  order[0] = root;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const u = order[head];
    for (let i = offsets[u]; i < offsets[u + 1]; i++) order[tail++] = children[i];
  }
  if (tail !== n) {
    throw new GraphError(
      'invalid-input',
      `murmur/graph/cascade/${where}: ${n - tail} nodes are on a cycle, not in the tree`,
    );
  }
  return { root, order };
}
