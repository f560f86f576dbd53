/**
 * Murmur graph/generate/scale-free
 * ================================
 *
 * Seeded directed scale-free follower graph for benchmarks: a copying model
 * (Kleinberg et al. 1999; Krapivsky & Redner 2001). Accounts join over time;
 * each new follow is made by the newest account or, with probability
 * `existingFollowerShare`, by a random earlier one, and goes to the target of
 * a random earlier follow (preferential attachment by follower count) or,
 * with probability `uniformTargetShare`, to a uniform account. Follower
 * counts come out power-law; follows from old to new accounts close cycles.
 * Duplicates and self-loops can occur, as in crawled data.
 */
import type { Rng } from '../random.ts';

export type ScaleFreeOptions = {
  nodes: number;
  edges: number;
  rng: Rng;
  existingFollowerShare?: number;
  uniformTargetShare?: number;
};

export type EdgeList = { nodeCount: number; sources: Int32Array; targets: Int32Array };

/**
 * @example
 * const g = scaleFreeDigraph({ nodes: 300_000, edges: 3_000_000, rng: seededRng(3) });
 */
export function scaleFreeDigraph(options: ScaleFreeOptions): EdgeList {
  const { nodes, edges, rng } = options;
  const existing = options.existingFollowerShare ?? 0.3;
  const uniform = options.uniformTargetShare ?? 0.2;
  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  const seedNodes = Math.min(nodes, 2);
  let joined = seedNodes;
  for (let e = 0; e < edges; e++) {
    // Accounts join at an even rate over the edge stream.
    const due = seedNodes + Math.floor(((nodes - seedNodes) * (e + 1)) / edges);
    if (due > joined) joined = due;
    const newest = joined - 1;
    const source = rng() < existing ? Math.floor(rng() * joined) : newest;
    let target: number;
    if (e === 0 || rng() < uniform) target = Math.floor(rng() * joined);
    else target = targets[Math.floor(rng() * e)];
    sources[e] = source;
    targets[e] = target;
  }
  return { nodeCount: nodes, sources, targets };
}
