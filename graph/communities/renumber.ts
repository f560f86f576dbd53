/**
 * Murmur graph/communities/renumber
 * =================================
 *
 * Dense community ids ordered by size, so community 0 is always the largest.
 */

/**
 * Renumbers communities 0..count-1 by decreasing size (ties by first appearance).
 *
 * @example
 * renumberBySize(Int32Array.of(7, 3, 3)); // { communities: [1, 0, 0], count: 2 }
 */
export function renumberBySize(labels: Int32Array): { communities: Int32Array; count: number } {
  const dense = new Map<number, number>();
  const sizes: number[] = [];
  const out = new Int32Array(labels.length);
  for (let v = 0; v < labels.length; v++) {
    let id = dense.get(labels[v]);
    if (id === undefined) {
      id = sizes.length;
      dense.set(labels[v], id);
      sizes.push(0);
    }
    sizes[id]++;
    out[v] = id;
  }
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(order.length);
  order.forEach((id, r) => {
    rank[id] = r;
  });
  for (let v = 0; v < out.length; v++) out[v] = rank[out[v]];
  return { communities: out, count: sizes.length };
}
