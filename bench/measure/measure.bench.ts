/**
 * Measurement benchmark (issue 12):
 *
 *   npm run bench:measure
 *   BENCH_RESHARES=20000 BENCH_RUNS=5 npm run bench:measure
 *
 * 1. Reconstruct part (reconstruct.part.ts): a 100,000-reshare cascade over
 *    the generated 3M-edge graph, reconstructed and measured (metrics and
 *    earned reach) in under 2 s and 500 MB.
 * 2. Polling part (polling.part.ts): 1,000 tracked posts
 *    against the loopback servers within the published rate limits.
 *
 * Exits 1 when a floor is missed.
 */
import { runPollingBench } from './polling.part.ts';
import { runReconstructBench } from './reconstruct.part.ts';

const reconstruct = runReconstructBench({
  reshares: Number(process.env.BENCH_RESHARES ?? 100_000),
  runs: Number(process.env.BENCH_RUNS ?? 3),
});
const polling = await runPollingBench();
if (!reconstruct.ok || !polling.ok) process.exitCode = 1;
