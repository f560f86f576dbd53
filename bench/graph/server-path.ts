/**
 * The server's own scoring path on the 3M-edge graph: `scoreInWorker` (a worker thread, plus a
 * helper per extra core that stops claiming work when the process has no core for it), with one
 * thread and with the server's default. Run it quiet and beside a busy process to see both
 * sides, e.g. `yes > /dev/null & npm run bench:graph -- --only sf-3M`.
 */
import { loadavg } from 'node:os';
import { scaleFreeDigraph, seededRng } from '../../graph/index.ts';
import { scoreInWorker, scoringThreads } from '../../server/scoring/run-in-worker.ts';

const graph = scaleFreeDigraph({ nodes: 300_000, edges: 3_000_000, rng: seededRng(3) });
const copy = () => ({
  nodeCount: graph.nodeCount,
  sources: graph.sources.slice(),
  targets: graph.targets.slice(),
});
const load = () => loadavg()[0].toFixed(2);

console.log(`\nServer path (scoreInWorker), sf-3M, seconds; load average before: ${load()}\n`);
console.log('| threads | total | load average after |');
console.log('| ---: | ---: | ---: |');
for (const threads of [1, scoringThreads(graph.sources.length)]) {
  const start = performance.now();
  await scoreInWorker(copy(), { seed: 1, threads });
  console.log(`| ${threads} | ${((performance.now() - start) / 1000).toFixed(2)} | ${load()} |`);
}
