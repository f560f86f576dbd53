/**
 * Murmur graph/spread/bottom-k
 * ============================
 *
 * Bottom-k (k minimum values) sketches of follower sets (Broder 1997, "On the
 * resemblance and containment of documents"; Bar-Yossef et al. 2002,
 * "Counting distinct elements in a data stream"). One 53-bit hash per
 * follower; a sketch keeps the k smallest. From two sketches the k smallest
 * of their union give the Jaccard index (standard error at most
 * sqrt(J(1 - J) / k)); from a union sketch the distinct count is
 * (k - 1) / U(k) with relative standard error about 1 / sqrt(k - 2).
 * Sets smaller than k are represented exactly.
 */
import { hash32 } from '../random.ts';

const TWO_POW_21 = 2 ** 21;
const TWO_POW_53 = 2 ** 53;

function hash53(x: number, seed: number): number {
  return hash32(x, seed) * TWO_POW_21 + (hash32(x, seed ^ 0x5bd1e995) >>> 11);
}

export function bottomKSketch(members: Int32Array, k: number, seed: number): Float64Array {
  const hashes = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) hashes[i] = hash53(members[i], seed);
  hashes.sort();
  return hashes.slice(0, Math.min(k, hashes.length));
}

/** k smallest distinct values of the union of sorted sketches. */
export function unionSketch(sketches: Float64Array[], k: number): Float64Array {
  const all = new Float64Array(sketches.reduce((s, x) => s + x.length, 0));
  let at = 0;
  for (const s of sketches) {
    all.set(s, at);
    at += s.length;
  }
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length && out.length < k; i++)
    if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return Float64Array.from(out);
}

/** Distinct count of the set a sketch summarizes; exact when the sketch is not full. */
export function sketchCardinality(sketch: Float64Array, k: number): number {
  if (sketch.length < k) return sketch.length;
  return (k - 1) / (sketch[k - 1] / TWO_POW_53);
}

/** Jaccard index of the two sets behind `a` and `b`. */
export function sketchJaccard(a: Float64Array, b: Float64Array, k: number): number {
  const union = unionSketch([a, b], k);
  if (union.length === 0) return 0;
  const threshold = union[union.length - 1];
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length && a[i] <= threshold && b[j] <= threshold) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / union.length;
}
