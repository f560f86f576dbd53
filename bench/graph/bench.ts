/**
 * npm run bench:graph [-- --only sf-3M] [-- --no-python]
 *
 * Loads ../shared/datasets/* and seeded scale-free graphs of 1M and 3M edges,
 * times each Murmur kernel and the whole scoreNiche (single-threaded and with
 * one betweenness worker), each in a fresh process for a clean peak RSS, and
 * runs graph-tool and igraph (Debian's /usr/bin/python3) on the same edge
 * list in the same run. Prints markdown tables, including 1 against 2 threads
 * side by side (measured back to back) and the load average around the run,
 * since a busy machine changes every number.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { betweennessSources, scaleFreeDigraph, seededRng } from '../../graph/index.ts';
import { scoringThreads } from '../../server/scoring/run-in-worker.ts';
import { DATASETS, type DatasetName, hasDataset, loadDataset } from './datasets.ts';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const python = !args.includes('--no-python') && existsSync('/usr/bin/python3');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-'));
const SAMPLES = 256;

type Graph = { name: string; nodeCount: number; sources: Int32Array; targets: Int32Array };

const graphs: (() => Graph)[] = [
  ...(Object.keys(DATASETS) as DatasetName[]).filter(hasDataset).map((name) => () => loadDataset(name)),
  () => ({ name: 'sf-1M', ...scaleFreeDigraph({ nodes: 100_000, edges: 1_000_000, rng: seededRng(1) }) }),
  () => ({ name: 'sf-3M', ...scaleFreeDigraph({ nodes: 300_000, edges: 3_000_000, rng: seededRng(3) }) }),
];

function run(command: string, argv: string[]): Record<string, number> {
  const out = execFileSync(command, argv, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(2));
const metricRows: string[] = [];
const scoreRows: string[] = [];
const threadRows: string[] = [];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const loadBefore = load();
const speedup = (one: number, two: number) => `${(one / two).toFixed(2)}×`;
const METRICS = ['load', 'pagerank', 'hits', 'coreness', 'betweenness', 'reach', 'louvain'] as const;

for (const make of graphs) {
  const peek = make();
  if (only && !only.includes(peek.name)) continue;
  const { name, nodeCount, sources, targets } = peek;
  const pairs = new Int32Array(2 * sources.length);
  for (let i = 0; i < sources.length; i++) {
    pairs[2 * i] = sources[i];
    pairs[2 * i + 1] = targets[i];
  }
  const edgesPath = join(dir, `${name}.edges.bin`);
  const pivotsPath = join(dir, `${name}.pivots.bin`);
  writeFileSync(edgesPath, pairs);
  writeFileSync(pivotsPath, betweennessSources(nodeCount, SAMPLES, seededRng(7)));
  const label = `${name} (${nodeCount.toLocaleString('en')} nodes, ${sources.length.toLocaleString('en')} edges)`;
  process.stderr.write(`bench: ${label}\n`);

  const tsx = ['--import', 'tsx', here('./run-murmur.ts')];
  const ours = run(process.execPath, [...tsx, 'metrics', edgesPath, String(nodeCount), pivotsPath]);
  const cells = (row: Record<string, number>) =>
    METRICS.map((m) => seconds(row[m] === undefined ? undefined : row[m]));
  metricRows.push(
    `| ${label} | murmur (1 thread) | ${cells(ours).join(' | ')} | ${ours.peakMB.toFixed(0)} |`,
  );
  metricRows.push(`| | murmur (2 threads) | ${cells({ betweenness: ours.betweenness2 }).join(' | ')} | |`);
  threadRows.push(
    `| ${label} | betweenness, ${SAMPLES} sources | ${seconds(ours.betweenness)} | ${seconds(ours.betweenness2)} | ${speedup(ours.betweenness, ours.betweenness2)}${ours.sameBits ? '' : ' (scores differ!)'} | ${ours.peakMB.toFixed(0)} (both, same process) | |`,
  );
  if (python) {
    const theirs = run('/usr/bin/python3', [
      here('./python-bench.py'),
      edgesPath,
      String(nodeCount),
      pivotsPath,
    ]);
    for (const [tool, raw] of Object.entries(theirs) as unknown as [string, Record<string, number>][]) {
      const row = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, k === 'peakMB' || k === 'threads' ? v : v * 1000]),
      );
      metricRows.push(
        `| | ${tool} (${row.threads} thread${row.threads > 1 ? 's' : ''}) | ${cells(row).join(' | ')} | ${row.peakMB.toFixed(0)} |`,
      );
      const best: Record<string, number> = {
        ...ours,
        betweenness: Math.min(ours.betweenness, ours.betweenness2),
      };
      const ratio = METRICS.map((m) => (row[m] ? `${(best[m] / row[m]).toFixed(2)}×` : '-'));
      metricRows.push(`| | murmur / ${tool} | ${ratio.join(' | ')} | |`);
    }
  }
  const totals: { total: number; peakMB: number }[] = [];
  for (const workers of [0, 1]) {
    const s = run(process.execPath, [...tsx, 'score', edgesPath, String(nodeCount), String(workers)]);
    totals.push({ total: s.total, peakMB: s.peakMB });
    const phases = [
      'build',
      'reach',
      'pagerank',
      'hits',
      'coreness',
      'communities',
      'audience',
      'betweenness',
      'score',
    ];
    scoreRows.push(
      `| ${label} | ${workers === 0 ? 'scoreNiche' : `scoreNicheAsync + ${workers} worker`} | ${phases.map((p) => seconds(s[p])).join(' | ')} | **${seconds(s.total)}** | ${s.peakMB.toFixed(0)} |`,
    );
  }
  threadRows.push(
    `| | scoreNiche total | ${seconds(totals[0].total)} | ${seconds(totals[1].total)} | ${speedup(totals[0].total, totals[1].total)} | ${totals[0].peakMB.toFixed(0)} | ${totals[1].peakMB.toFixed(0)} |`,
  );
  rmSync(edgesPath);
  rmSync(pivotsPath);
}
rmSync(dir, { recursive: true, force: true });

console.log(
  `\nKernels, seconds (betweenness: ${SAMPLES} sampled sources, same pivots for graph-tool; ratio < 1 = murmur faster; betweenness ratio uses murmur's faster row)\n`,
);
console.log('| graph | tool | load | pagerank | hits | coreness | betweenness | reach | louvain | peak MB |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of metricRows) console.log(row);
console.log(
  '\nscoreNiche, seconds per phase (betweenness exact on small graphs, 256 sampled sources otherwise)\n',
);
console.log(
  '| graph | mode | build | reach | pagerank | hits | coreness | communities | audience | betweenness | score | total | peak MB |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of scoreRows) console.log(row);
console.log(`\n1 thread against 2 threads, seconds (load average before: ${loadBefore}; after: ${load()})\n`);
console.log('| graph | run | 1 thread | 2 threads | speedup | peak MB, 1 thread | peak MB, 2 threads |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of threadRows) console.log(row);
console.log(
  `\nThe server's scoring job starts ${scoringThreads(3_000_000)} thread(s) here for 3M follows; a helper stops claiming work once the process has no core for it (server/scoring/fair-share.ts), which the 2-thread rows include.`,
);

// The same graph through the server's scoring path, in its own process.
if (!only || only.includes('sf-3M')) {
  execFileSync(process.execPath, ['--import', 'tsx', here('./server-path.ts')], { stdio: 'inherit' });
}
