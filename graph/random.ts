/**
 * Murmur graph/random
 * ===================
 *
 * Randomness is always injected as `rng: () => number` in [0, 1), like
 * graphology. `seededRng` is a small deterministic generator for tests,
 * demos and benchmarks (mulberry32, Tommy Ettinger 2017).
 */

export type Rng = () => number;

/** Long-running kernels report progress and honour cancellation through these. */
export type RunOptions = {
  onProgress?: (phase: string, fraction: number) => void;
  signal?: AbortSignal;
};

/**
 * @example
 * const rng = seededRng(42);
 * rng(); // same number on every machine
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit integer hash (murmur3 finalizer); `seed` selects an independent hash function. */
export function hash32(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher-Yates shuffle of `0..n-1`. */
export function shuffledRange(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
