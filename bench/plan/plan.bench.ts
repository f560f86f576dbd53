/**
 * npm run bench:plan [-- --only sf-50,wiki-opim] [-- --runs 2000]
 *
 * Times planSeeds on the seeded 3M-edge scale-free graph (graph/generate, as
 * bench/graph) and on wiki-vote, each case in a fresh process so peak RSS is
 * the case's own, under the weighted-cascade model (1,000 Monte Carlo runs on
 * the 3M graph, 10,000 on wiki-vote; `--runs` to change). CPU seconds of the
 * planning are printed beside wall time: on a shared machine they are the
 * comparable number. Prints RR sets sampled,
 * seconds per phase, peak memory, the certified ratio and a Monte Carlo check
 * of the plan's spread, with the floors from issue 13 and OPIM-C's published
 * number beside the wiki-vote row. A busy machine changes every time: the
 * load average is printed before and after.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  buildCsr,
  type PlanAlgorithm,
  planSeeds,
  scaleFreeDigraph,
  seededRng,
  simulateSpread,
  weightedCascade,
} from '../../graph/index.ts';
import { hasDataset, loadDataset } from '../graph/datasets.ts';

type Case = {
  id: string;
  graph: 'sf-3M' | 'wiki-vote';
  k: number;
  epsilon: number;
  algorithm: PlanAlgorithm;
  floorSeconds?: number;
  note?: string;
};

const CASES: Case[] = [
  { id: 'sf-50', graph: 'sf-3M', k: 50, epsilon: 0.5, algorithm: 'imm', floorSeconds: 2 },
  { id: 'sf-200', graph: 'sf-3M', k: 200, epsilon: 0.1, algorithm: 'imm', floorSeconds: 30 },
  { id: 'sf-200-opim', graph: 'sf-3M', k: 200, epsilon: 0.1, algorithm: 'opim-c' },
  {
    id: 'wiki-opim',
    graph: 'wiki-vote',
    k: 50,
    epsilon: 0.01,
    algorithm: 'opim-c',
    note: 'OPIM-C published: 0.17 s, Facebook 176k edges, k=50, ε=0.01 (Tang et al. 2018)',
  },
  { id: 'wiki-imm', graph: 'wiki-vote', k: 50, epsilon: 0.1, algorithm: 'imm' },
];

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function loadGraph(name: Case['graph']) {
  const edges =
    name === 'sf-3M'
      ? scaleFreeDigraph({ nodes: 300_000, edges: 3_000_000, rng: seededRng(3) })
      : loadDataset('wiki-vote');
  return weightedCascade(buildCsr(edges.nodeCount, edges.sources, edges.targets));
}

async function runCase(c: Case, runs: number): Promise<Record<string, number | string>> {
  let t = performance.now();
  const graph = loadGraph(c.graph);
  const build = performance.now() - t;
  const cpu = process.cpuUsage();
  let phase = '';
  const plan = await planSeeds(graph, {
    k: c.k,
    epsilon: c.epsilon,
    algorithm: c.algorithm,
    seed: 1,
    onProgress: (p) => {
      if (p.phase === phase) return;
      phase = p.phase;
      process.stderr.write(`  ${c.id}: ${phase} (target ${p.total})\n`);
    },
  });
  process.stderr.write(`  ${c.id}: Monte Carlo, ${runs} runs\n`);
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const peakPlanMB = process.resourceUsage().maxRSS / 1024;
  t = performance.now();
  const mc = simulateSpread(graph, plan.nodes, { runs, seed: 2 });
  return {
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    build,
    ...plan.timings,
    estimation: plan.rrSets.estimation,
    selection: plan.rrSets.selection,
    validation: plan.rrSets.validation,
    averageSize: plan.rrSets.averageSize,
    spread: plan.estimatedSpread,
    certified: plan.guarantee.certifiedRatio,
    capped: String(plan.guarantee.capped),
    mcMean: mc.mean,
    mcSE: mc.standardError,
    mcRuns: runs,
    mcSeconds: (performance.now() - t) / 1000,
    peakPlanMB,
    cpuSeconds,
  };
}

const child = flag('--case');
if (child) {
  const c = CASES.find((x) => x.id === child)!;
  const row = await runCase(c, Number(flag('--runs') ?? 10_000));
  console.log(JSON.stringify(row));
} else {
  const only = flag('--only')?.split(',');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  const before = load();
  const rows: string[] = [];
  const notes: string[] = [];
  for (const c of CASES) {
    if (only && !only.includes(c.id)) continue;
    if (c.graph === 'wiki-vote' && !hasDataset('wiki-vote')) {
      notes.push(`${c.id}: wiki-vote not found under ../shared/datasets, skipped`);
      continue;
    }
    const runs = Number(flag('--runs') ?? (c.graph === 'sf-3M' ? 1_000 : 10_000));
    process.stderr.write(`bench:plan ${c.id} (load ${load()})\n`);
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', c.id, '--runs', String(runs)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const total = r.total / 1000;
    const floor = c.floorSeconds ? `${total < c.floorSeconds ? 'ok' : 'OVER'} (< ${c.floorSeconds} s)` : '-';
    const gap = (100 * (r.spread - r.mcMean)) / r.mcMean;
    rows.push(
      `| ${c.graph} | ${c.algorithm} | ${c.k} | ${c.epsilon} | ${r.estimation.toLocaleString('en')} / ${r.selection.toLocaleString('en')} / ${r.validation.toLocaleString('en')} | ${r.averageSize.toFixed(1)} | ${s(r.estimate)} | ${s(r.sample)} | ${s(r.select)} | ${s(r.validate)} | **${total.toFixed(2)}** | ${r.cpuSeconds.toFixed(2)} | ${floor} | ${r.peakPlanMB.toFixed(0)} | ${r.spread.toFixed(0)} | ${(100 * r.certified).toFixed(1)} % | ${r.mcMean.toFixed(0)} ± ${r.mcSE.toFixed(1)} (${r.mcRuns} runs, ${r.mcSeconds.toFixed(1)} s) | ${gap >= 0 ? '+' : ''}${gap.toFixed(2)} % |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}\n`);
    if (c.note)
      notes.push(`${c.id}: ${c.note}; here ${total.toFixed(2)} s on ${r.edges.toLocaleString('en')} edges`);
    if (r.capped === 'true') notes.push(`${c.id}: maxRRSets capped the sampling`);
  }
  console.log(`\nplanSeeds, weighted cascade, seed 1; load average before ${before}, after ${load()}\n`);
  console.log(
    '| graph | algorithm | k | ε | RR sets (estimation / selection / validation) | avg RR size | estimate s | sample s | select s | validate s | total s | CPU s | floor | peak MB | est. spread | certified | Monte Carlo | est. vs MC |',
  );
  console.log(
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const row of rows) console.log(row);
  for (const note of notes) console.log(`\n${note}`);
}
