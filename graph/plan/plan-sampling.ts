/**
 * Murmur graph/plan/plan-sampling
 * ===============================
 *
 * How the planner draws RR sets: in chunks of 65,536, chunk c of stream s
 * seeded with hash32(c, hash32(s, seed)), through the injected executor (this
 * thread by default). Chunking lets progress and cancellation happen between
 * chunks and makes the sets depend only on the seed, never on timing.
 */
import { hash32 } from '../random.ts';
import { checkAborted } from './plan.errors.ts';
import type { InfluenceGraph, PlanExecutor, PlanOptions, PlanPhase, RRCollection } from './plan.types.ts';
import { coverageByRank, sampleRRSets } from './rr-sets.ts';

export const RR_CHUNK = 1 << 16;

export const localExecutor: PlanExecutor = {
  sample: (graph, count, seed, into) => {
    sampleRRSets(graph, count, seed, into);
  },
  coverageByRank,
};

export type SampleRun = {
  graph: InfluenceGraph;
  executor: PlanExecutor;
  seed: number;
  options: Pick<PlanOptions, 'onProgress' | 'signal'>;
};

/** Seed of chunk `chunk` of stream `stream`. */
export function chunkSeed(seed: number, stream: number, chunk: number): number {
  return hash32(chunk, hash32(stream, seed >>> 0));
}

/** Grows `rr` to `target` sets from stream `stream`; chunk boundaries depend only on counts. */
export async function fillRRSets(
  run: SampleRun,
  rr: RRCollection,
  target: number,
  stream: number,
  phase: PlanPhase,
): Promise<void> {
  while (rr.count < target) {
    checkAborted(run.options.signal, 'plan-sampling');
    const chunk = Math.floor(rr.count / RR_CHUNK);
    const offset = rr.count % RR_CHUNK;
    const count = Math.min(RR_CHUNK - offset, target - rr.count);
    await run.executor.sample(run.graph, count, chunkSeed(run.seed, stream, chunk) + offset, rr);
    run.options.onProgress?.({ phase, done: rr.count, total: target });
  }
}

/** Coverage of `total` fresh sets of stream `stream`, by earliest-ranked member (see coverageByRank). */
export async function rankedCoverage(
  run: SampleRun,
  total: number,
  stream: number,
  rank: Int32Array,
  picks: number,
  phase: PlanPhase,
): Promise<Float64Array> {
  const counts = new Float64Array(picks);
  for (let done = 0, chunk = 0; done < total; chunk++) {
    checkAborted(run.options.signal, 'plan-sampling');
    const count = Math.min(RR_CHUNK, total - done);
    const part = await run.executor.coverageByRank(
      run.graph,
      count,
      chunkSeed(run.seed, stream, chunk),
      rank,
      picks,
    );
    for (let r = 0; r < picks; r++) counts[r] += part[r];
    done += count;
    run.options.onProgress?.({ phase, done, total });
  }
  return counts;
}

/** rank[v] = position of v in `order` (fixed first, then picks), −1 elsewhere. */
export function rankOf(n: number, order: ArrayLike<number>): Int32Array {
  const rank = new Int32Array(n).fill(-1);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  return rank;
}
