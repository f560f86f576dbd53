/**
 * Murmur graph/spread/overlap
 * ===========================
 *
 * Audience overlap of a set of accounts: for every pair the Jaccard index
 * |A ∩ B| / |A ∪ B| (Jaccard 1901) and the overlap coefficient
 * |A ∩ B| / min(|A|, |B|) (Szymkiewicz-Simpson), and the unique combined
 * audience |A ∪ B ∪ ...| of the whole set. Audiences are follower sets in the
 * crawled graph. Exact by merging sorted follower lists when the work is
 * small; otherwise bottom-k sketches with the standard errors reported.
 */
import type { Csr } from '../build/csr.ts';
import { assertNode } from '../errors.ts';
import { bottomKSketch, sketchCardinality, sketchJaccard, unionSketch } from './bottom-k.ts';

export type OverlapOptions = {
  /** Exact when (accounts - 1) * total followers is at most this. */
  exactWorkLimit?: number;
  /** Sketch size k for the estimated mode. */
  sketchSize?: number;
  seed?: number;
  /** Force the estimated mode (tests, or to bound latency). */
  estimate?: boolean;
};

export type OverlapResult = {
  nodes: number[];
  audienceSizes: number[];
  /** Row-major nodes.length x nodes.length matrices; diagonal is 1 / own size. */
  jaccard: Float64Array;
  overlapCoefficient: Float64Array;
  sharedFollowers: Float64Array;
  /** Distinct followers of the whole set. */
  combinedReach: number;
  exact: boolean;
  /** Upper bound of the Jaccard standard error (0 when exact). */
  jaccardStandardError: number;
  /** Relative standard error of `combinedReach` and shared counts (0 when exact). */
  reachStandardError: number;
};

export const OVERLAP_DEFAULTS = { exactWorkLimit: 5e7, sketchSize: 1024, seed: 0x2545f491, estimate: false };

function followers(csr: Csr, v: number): Int32Array {
  return csr.inSources.subarray(csr.inOffsets[v], csr.inOffsets[v + 1]);
}

function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      count++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return count;
}

/**
 * @example
 * const { jaccard, combinedReach } = audienceOverlap(csr, [12, 40, 77]);
 * jaccard[0 * 3 + 1]; // Jaccard of accounts 12 and 40
 */
export function audienceOverlap(
  csr: Csr,
  nodes: readonly number[],
  options: OverlapOptions = {},
): OverlapResult {
  const o = { ...OVERLAP_DEFAULTS, ...options };
  for (const v of nodes) assertNode(v, csr.nodeCount, 'spread/overlap');
  const k = nodes.length;
  const lists = nodes.map((v) => followers(csr, v));
  const audienceSizes = lists.map((l) => l.length);
  const total = audienceSizes.reduce((s, x) => s + x, 0);
  const exact = !o.estimate && Math.max(0, k - 1) * total <= o.exactWorkLimit;
  const jaccard = new Float64Array(k * k);
  const overlapCoefficient = new Float64Array(k * k);
  const sharedFollowers = new Float64Array(k * k);
  let combinedReach = 0;
  const sketches = exact ? [] : lists.map((l) => bottomKSketch(l, o.sketchSize, o.seed));

  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const a = audienceSizes[i];
      const b = audienceSizes[j];
      let shared: number;
      if (i === j) shared = a;
      else if (exact) shared = intersectionSize(lists[i], lists[j]);
      else {
        const jac = sketchJaccard(sketches[i], sketches[j], o.sketchSize);
        shared = Math.min(a, b, (jac * (a + b)) / (1 + jac));
      }
      const union = a + b - shared;
      for (const [x, y] of [
        [i, j],
        [j, i],
      ]) {
        sharedFollowers[x * k + y] = shared;
        jaccard[x * k + y] = union > 0 ? shared / union : 0;
        overlapCoefficient[x * k + y] = Math.min(a, b) > 0 ? shared / Math.min(a, b) : 0;
      }
    }
  }
  if (exact) {
    const seen = new Uint8Array(csr.nodeCount);
    for (const l of lists) {
      for (let i = 0; i < l.length; i++) {
        if (!seen[l[i]]) {
          seen[l[i]] = 1;
          combinedReach++;
        }
      }
    }
  } else combinedReach = Math.round(sketchCardinality(unionSketch(sketches, o.sketchSize), o.sketchSize));

  return {
    nodes: [...nodes],
    audienceSizes,
    jaccard,
    overlapCoefficient,
    sharedFollowers,
    combinedReach,
    exact,
    jaccardStandardError: exact ? 0 : 0.5 / Math.sqrt(o.sketchSize),
    reachStandardError: exact ? 0 : 1 / Math.sqrt(o.sketchSize - 2),
  };
}
