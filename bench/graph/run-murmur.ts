/**
 * One measured run of Murmur's kernels in a fresh process, so peak memory
 * belongs to this run alone. Usage:
 *   tsx bench/graph/run-murmur.ts metrics EDGES.bin NODES SOURCES.bin
 *   tsx bench/graph/run-murmur.ts score EDGES.bin NODES [workers]
 * Prints one JSON object with milliseconds per phase and peak RSS in MB.
 */
import { readFileSync } from 'node:fs';
import {
  accumulateBetweenness,
  accumulateBetweennessShared,
  buildCsr,
  coreness,
  finishBetweenness,
  hits,
  louvain,
  pagerank,
  scoreNiche,
  scoreNicheAsync,
  seededRng,
  twoHopReach,
  undirectedView,
} from '../../graph/index.ts';
import { createWorkerPool } from './worker-pool.ts';

const [mode, edgesPath, nodesArg, extra] = process.argv.slice(2);
const nodeCount = Number(nodesArg);

function readEdges() {
  const bytes = readFileSync(edgesPath);
  const pairs = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const m = pairs.length / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    sources[i] = pairs[2 * i];
    targets[i] = pairs[2 * i + 1];
  }
  return { sources, targets };
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const peakMB = () => process.resourceUsage().maxRSS / 1024;
const row: Record<string, number | boolean | string> = {};

if (mode === 'metrics') {
  const [csr, load] = time(() => {
    const { sources, targets } = readEdges();
    return buildCsr(nodeCount, sources, targets);
  });
  row.load = load;
  const [pr, prTime] = time(() => pagerank(csr));
  row.pagerank = prTime;
  row.pagerankIterations = pr.iterations;
  row.hits = time(() => hits(csr))[1];
  const [und, undTime] = time(() => undirectedView(csr));
  row.coreness = undTime + time(() => coreness(und))[1];
  row.reach = time(() => twoHopReach(csr))[1];
  row.louvain = time(() => louvain(und, { rng: seededRng(1) }))[1];
  const bytes = readFileSync(extra);
  const sources = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
  const serial = new Float64Array(nodeCount);
  row.betweenness = time(() => {
    accumulateBetweenness(csr, sources, serial);
    finishBetweenness(serial, sources.length, true);
  })[1];
  // Workers read only the out-edges: do not copy the follower lists to them.
  const out = { nodeCount, edgeCount: csr.edgeCount, outOffsets: csr.outOffsets, outTargets: csr.outTargets };
  // Both cores, right after the serial run: this thread and one worker steal chunks of
  // 2 sources from a shared counter, each into its own array.
  const pool = createWorkerPool(1);
  // Warm the worker's JIT on a few sources, as the serial run above warmed this thread.
  await pool.betweenness({
    csr: out,
    sources: sources.slice(0, 4),
    counter: new Int32Array(new SharedArrayBuffer(4)),
    chunkSize: 2,
  });
  const start = performance.now();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const remote = pool.betweenness({ csr: out, sources, counter, chunkSize: 2 });
  const scores = new Float64Array(nodeCount);
  accumulateBetweennessShared(csr, sources, counter, 2, scores);
  for (const partial of await remote) for (let v = 0; v < nodeCount; v++) scores[v] += partial[v];
  finishBetweenness(scores, sources.length, true);
  row.betweenness2 = performance.now() - start;
  row.sameBits = scores.every((x, v) => x === serial[v]) ? 1 : 0;
  await pool.close();
} else {
  const { sources, targets } = readEdges();
  const workers = Number(extra ?? 0);
  const input = { nodeCount, sources, targets };
  if (workers > 0) {
    const pool = createWorkerPool(workers);
    const [scores, total] = await (async () => {
      const start = performance.now();
      const value = await scoreNicheAsync(input, { rng: seededRng(1), executor: pool.betweenness });
      return [value, performance.now() - start] as const;
    })();
    await pool.close();
    Object.assign(row, scores.timings, { total });
  } else {
    const [scores, total] = time(() => scoreNiche(input, { rng: seededRng(1) }));
    Object.assign(row, scores.timings, { total });
  }
}
row.peakMB = peakMB();
process.stdout.write(`${JSON.stringify(row)}\n`);
