/**
 * Murmur graph/spread/reach
 * =========================
 *
 * Two-hop downstream reach: the number of distinct accounts that follow an
 * account or follow one of its followers (the account itself excluded), i.e.
 * who can see a post after one reshare. Exact by marking on accounts whose
 * two-hop neighbourhood is small; on larger ones a HyperLogLog union of the
 * followers' follower sets, with relative standard error 1.04 / sqrt(2^p)
 * (3.25 % at the default p = 10). `isEstimate[v]` says which one a node got.
 * Followers with huge audiences are sketched once and merged, so the cost is
 * bounded by sum over follow edges of min(followers, 2^p).
 */
import type { Csr } from '../build/csr.ts';
import { GraphError, throwIfAborted } from '../errors.ts';
import type { RunOptions } from '../random.ts';
import { hllCodes, hllEstimate, hllStandardError } from './hyperloglog.ts';

export type ReachOptions = RunOptions & {
  /** HyperLogLog precision p (2^p one-byte registers per sketch), 4..16. */
  precision?: number;
  /** Count exactly when the two-hop work of a node is at most this many list entries. */
  exactWorkPerNode?: number;
  /** Force exact counting everywhere (can be quadratic on celebrity-heavy graphs). */
  exact?: boolean;
};

export type ReachResult = {
  reach: Float64Array;
  isEstimate: Uint8Array;
  /** Relative standard error of estimated entries. */
  standardError: number;
};

export const REACH_DEFAULTS = { precision: 10, exactWorkPerNode: 16_384, exact: false };

function hasMutualFollow(csr: Csr, v: number): boolean {
  let i = csr.outOffsets[v];
  let j = csr.inOffsets[v];
  const iEnd = csr.outOffsets[v + 1];
  const jEnd = csr.inOffsets[v + 1];
  while (i < iEnd && j < jEnd) {
    const a = csr.outTargets[i];
    const b = csr.inSources[j];
    if (a === b) return true;
    if (a < b) i++;
    else j++;
  }
  return false;
}

/**
 * @example
 * const { reach, isEstimate } = twoHopReach(csr);
 */
export function twoHopReach(csr: Csr, options: ReachOptions = {}): ReachResult {
  const { precision, exactWorkPerNode, exact } = { ...REACH_DEFAULTS, ...options };
  if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
    throw new GraphError(
      'invalid-option',
      `murmur/graph/spread/reach: precision must be an integer in 4..16, got ${precision}`,
    );
  }
  const n = csr.nodeCount;
  const { inOffsets, inSources } = csr;
  const reach = new Float64Array(n);
  const isEstimate = new Uint8Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const registersPerSketch = 2 ** precision;
  let codes: ReturnType<typeof hllCodes> | undefined;
  let sketch: Uint8Array | undefined;
  const cached = new Map<number, Uint8Array>();

  const followersSketch = (u: number): Uint8Array => {
    let s = cached.get(u);
    if (!s) {
      s = new Uint8Array(registersPerSketch);
      const { index, rank } = codes!;
      for (let i = inOffsets[u]; i < inOffsets[u + 1]; i++) {
        const w = inSources[i];
        if (s[index[w]] < rank[w]) s[index[w]] = rank[w];
      }
      cached.set(u, s);
    }
    return s;
  };

  for (let v = 0; v < n; v++) {
    let work = 0;
    for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) {
      const u = inSources[i];
      work += 1 + inOffsets[u + 1] - inOffsets[u];
    }
    if (exact || work <= exactWorkPerNode) {
      let count = 0;
      stamp[v] = v;
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) {
        const u = inSources[i];
        if (stamp[u] !== v) {
          stamp[u] = v;
          count++;
        }
        for (let j = inOffsets[u]; j < inOffsets[u + 1]; j++) {
          const w = inSources[j];
          if (stamp[w] !== v) {
            stamp[w] = v;
            count++;
          }
        }
      }
      reach[v] = count;
    } else {
      codes ??= hllCodes(n, precision);
      sketch ??= new Uint8Array(registersPerSketch);
      sketch.fill(0);
      const { index, rank } = codes;
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) {
        const u = inSources[i];
        if (sketch[index[u]] < rank[u]) sketch[index[u]] = rank[u];
        const followers = inOffsets[u + 1] - inOffsets[u];
        if (followers > registersPerSketch) {
          const s = followersSketch(u);
          for (let r = 0; r < registersPerSketch; r++) if (sketch[r] < s[r]) sketch[r] = s[r];
        } else {
          for (let j = inOffsets[u]; j < inOffsets[u + 1]; j++) {
            const w = inSources[j];
            if (sketch[index[w]] < rank[w]) sketch[index[w]] = rank[w];
          }
        }
      }
      // With a mutual follow the account sits in its followers' follower lists;
      // a sketch cannot remove it, so subtract one for it.
      const self = hasMutualFollow(csr, v) ? 1 : 0;
      reach[v] = Math.max(0, Math.round(hllEstimate(sketch, 0, precision)) - self);
      isEstimate[v] = 1;
    }
    if ((v & 4095) === 4095) {
      throwIfAborted(options.signal, 'spread/reach');
      options.onProgress?.('reach', (v + 1) / n);
    }
  }
  return { reach, isEstimate, standardError: hllStandardError(precision) };
}
