/**
 * How fast `importCsvGraph` parses big edge lists (the PostgreSQL import downstream needs
 * ≥200k edges/s, so parsing must be well above that). Not part of the test run:
 *
 *   npx tsx server/graph-files/csv-import.bench.ts [edges.csv ...]
 *
 * Without arguments it writes two seeded 3M-edge files to the OS temp dir (numeric ids over
 * 1M nodes; handle-like text ids over 1M nodes) and reads each twice.
 */

import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRng } from '../../graph/random.ts';
import { importCsvGraph } from './csv-edges.ts';

const EDGES = 3_000_000;
const NODES = 1_000_000;

const generate = async (path: string, id: (n: number) => string) => {
  if (existsSync(path)) return path;
  const random = seededRng(42);
  const out = createWriteStream(path);
  out.write('follower,followed\n');
  let batch = '';
  for (let i = 0; i < EDGES; i += 1) {
    batch += `${id(Math.floor(random() * NODES))},${id(Math.floor(random() * NODES))}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return path;
};

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        await generate(join(tmpdir(), 'murmur-bench-numeric-3m.csv'), String),
        await generate(join(tmpdir(), 'murmur-bench-handles-3m.csv'), (n) => `user${n}.bsky.social`),
      ];

for (const path of files) {
  for (let run = 1; run <= 2; run += 1) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const graph = await importCsvGraph({ edges: { path } });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const rate = (s: number) => Math.round(graph.edges.length / s).toLocaleString('en');
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
    console.log(
      `${path} run ${run}: ${graph.edges.length} edges, ${graph.nodeIds.length} nodes; ` +
        `wall ${seconds.toFixed(2)} s = ${rate(seconds)} edges/s; cpu ${cpuSeconds.toFixed(2)} s = ${rate(cpuSeconds)} edges/s; rss ${rss} MiB`,
    );
  }
}
