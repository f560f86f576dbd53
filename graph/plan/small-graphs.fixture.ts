/**
 * Small follower graphs the planner's tests share (no test runs from this file).
 */
import { buildCsr } from '../index.ts';

/** A follower graph: `follows[i] = [a, b]` means a follows b, so posts flow b → a. */
export function csrOf(n: number, follows: [number, number][]) {
  return buildCsr(
    n,
    Int32Array.from(follows, (e) => e[0]),
    Int32Array.from(follows, (e) => e[1]),
  );
}

/** 12 accounts: two small audiences around 0 and 5, a bridge 3 → 6, and 9 followed by both hubs. */
export const TWO_AUDIENCES: [number, number][] = [
  [1, 0],
  [2, 0],
  [3, 0],
  [4, 1],
  [4, 2],
  [6, 5],
  [7, 5],
  [8, 5],
  [8, 7],
  [6, 3],
  [10, 9],
  [11, 9],
  [0, 9],
  [5, 9],
  [11, 10],
  [2, 1],
];
