/**
 * Murmur graph/communities/summary
 * ================================
 *
 * Size and top accounts of each community, so a niche's sub-audiences can be
 * named by the accounts that lead them.
 */

export type CommunitySummary = { id: number; size: number; topNodes: number[] };

/**
 * Communities must be numbered by decreasing size (as `louvain` returns
 * them); keeps the `maxCommunities` largest.
 *
 * @example
 * summarizeCommunities(communities, count, scores, 5)[0]; // { id: 0, size: 812, topNodes: [...] }
 */
export function summarizeCommunities(
  community: Int32Array,
  count: number,
  rankBy: Float64Array,
  topK: number,
  maxCommunities = 100,
): CommunitySummary[] {
  const kept = Math.min(count, maxCommunities);
  const sizes = new Int32Array(kept);
  const top: number[][] = Array.from({ length: kept }, () => []);
  for (let v = 0; v < community.length; v++) {
    const c = community[v];
    if (c >= kept) continue;
    sizes[c]++;
    const list = top[c];
    if (list.length === topK && rankBy[list[topK - 1]] >= rankBy[v]) continue;
    let at = list.length;
    while (at > 0 && rankBy[list[at - 1]] < rankBy[v]) at--;
    list.splice(at, 0, v);
    if (list.length > topK) list.pop();
  }
  return top.map((topNodes, id) => ({ id, size: sizes[id], topNodes }));
}
