/**
 * Murmur graph/spread/lookalikes
 * ==============================
 *
 * Accounts whose audiences look most like a given account's: co-follower
 * cosine similarity shared / sqrt(|F(v)| |F(w)|) (Salton & McGill 1983), the
 * similarity behind Twitter's "who to follow" (Gupta et al. 2013, WTF).
 * Candidates come from walking two hops (followers of v, then whom they
 * follow), so the cost is the out-degree sum of v's followers, never an
 * all-pairs scan. Accounts with huge audiences use a seeded sample of
 * `maxFollowers` followers, with shared counts scaled up.
 */
import type { Csr } from '../build/csr.ts';
import { assertNode } from '../errors.ts';
import { type Rng, shuffledRange } from '../random.ts';

export type LookalikeOptions = {
  maxFollowers?: number;
  /** Ignore candidates sharing fewer followers than this (before scaling). */
  minShared?: number;
  similarity?: 'cosine' | 'jaccard';
  rng?: Rng;
};

export type Lookalike = { node: number; similarity: number; sharedFollowers: number };

export const LOOKALIKE_DEFAULTS = {
  maxFollowers: 5000,
  minShared: 2,
  similarity: 'cosine',
  rng: Math.random,
};

/**
 * @example
 * lookalikes(csr, 42, 10); // [{ node: 17, similarity: 0.61, sharedFollowers: 210 }, ...]
 */
export function lookalikes(csr: Csr, node: number, k: number, options: LookalikeOptions = {}): Lookalike[] {
  const o = { ...LOOKALIKE_DEFAULTS, ...options };
  assertNode(node, csr.nodeCount, 'spread/lookalikes');
  const { inOffsets, inSources, outOffsets, outTargets } = csr;
  const start = inOffsets[node];
  const size = inOffsets[node + 1] - start;
  if (size === 0 || k <= 0) return [];
  let sample: ArrayLike<number>;
  if (size > o.maxFollowers) {
    const order = shuffledRange(size, o.rng).subarray(0, o.maxFollowers);
    sample = Int32Array.from(order, (i) => inSources[start + i]);
  } else sample = inSources.subarray(start, start + size);
  const scale = size / sample.length;
  const counts = new Int32Array(csr.nodeCount);
  const touched: number[] = [];
  for (let s = 0; s < sample.length; s++) {
    const u = sample[s];
    for (let i = outOffsets[u]; i < outOffsets[u + 1]; i++) {
      const w = outTargets[i];
      if (w === node) continue;
      if (counts[w] === 0) touched.push(w);
      counts[w]++;
    }
  }
  const result: Lookalike[] = [];
  for (const w of touched) {
    const count = counts[w];
    if (count < o.minShared) continue;
    const shared = count * scale;
    const other = inOffsets[w + 1] - inOffsets[w];
    const similarity =
      o.similarity === 'jaccard' ? shared / (size + other - shared) : shared / Math.sqrt(size * other);
    result.push({ node: w, similarity: Math.min(1, similarity), sharedFollowers: shared });
  }
  result.sort((a, b) => b.similarity - a.similarity || a.node - b.node);
  return result.slice(0, k);
}
