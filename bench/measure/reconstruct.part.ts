/**
 * Reconstruct part of the measure bench: one large cascade over the 3M-edge
 * generated follower graph (as in bench/graph: 300k accounts, seed 3).
 *
 * Setup (not timed against the floor): generate the graph, build its CSR,
 * simulate an independent cascade from the most-followed account until it
 * has `reshares` reshares, and turn it into what a platform shows: reshares
 * in arbitrary order, all attributed to the root, 10 % carrying a Bluesky
 * `via`, 1 % repeated by the same account later.
 *
 * Timed (floor: under 2 s wall and 500 MB peak RSS): reconstruction from the
 * follow lists, tree metrics with word of mouth against the influencer's
 * followers, and exact earned reach from every sharer's follower list.
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  buildCsr,
  type Cascade,
  type CascadeMetrics,
  type Csr,
  cascadeMetrics,
  type EarnedReach,
  earnedReach,
  type ReshareInput,
  reconstructCascade,
  scaleFreeDigraph,
  seededRng,
  simulateIndependentCascade,
} from '../../graph/index.ts';
import { type Phase, phaseTimer } from './phase-timer.ts';

const WALL_FLOOR_MS = 2000;
const RSS_FLOOR_MB = 500;

export type ReconstructBenchResult = { ok: boolean; peakRssMb: number };

type Run = {
  path: 'typed' | 'generic';
  timer: ReturnType<typeof phaseTimer>;
  cascade: Cascade<number>;
  metrics: CascadeMetrics;
  reach: EarnedReach;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (phases: Phase[], key: 'wallMs' | 'cpuMs') => phases.reduce((total, p) => total + p[key], 0);

/**
 * The timed work. `typed`: follows straight from the CSR and a bitmap for
 * earned reach (accounts are node indices). `generic`: what the app does with
 * string keys: a `following` callback, Maps and Sets.
 */
function measureOnce(
  path: Run['path'],
  csr: Csr,
  root: number,
  rootTime: number,
  reshares: ReshareInput<number>[],
): Run {
  const { inOffsets, inSources, outOffsets, outTargets } = csr;
  const timer = phaseTimer();
  const typed = path === 'typed';
  const cascade = timer.run('reconstruct', () =>
    reconstructCascade({
      root: { account: root, time: rootTime },
      reshares,
      ...(typed
        ? { graph: csr }
        : { following: (a: number) => outTargets.subarray(outOffsets[a], outOffsets[a + 1]) }),
    }),
  );
  const influencerFollowers = timer.run(
    'influencer follower set',
    () => new Set(inSources.subarray(inOffsets[root], inOffsets[root + 1])),
  );
  const metrics = timer.run('tree metrics', () =>
    cascadeMetrics(cascade, { accounts: cascade.accounts, influencerFollowers }),
  );
  const reach = timer.run('earned reach (exact)', () =>
    earnedReach(
      {
        influencer: root,
        influencerFollowers,
        sharers: cascade.accounts
          .slice(1)
          .map((a) => ({ account: a, followers: inSources.subarray(inOffsets[a], inOffsets[a + 1]) })),
      },
      typed ? { nodeCount: csr.nodeCount } : {},
    ),
  );
  return { path, timer, cascade, metrics, reach };
}

export function runReconstructBench(options: { reshares: number; runs: number }): ReconstructBenchResult {
  const setup = phaseTimer();
  const g = setup.run('generate 3M-edge graph', () =>
    scaleFreeDigraph({ nodes: 300_000, edges: 3_000_000, rng: seededRng(3) }),
  );
  const csr = setup.run('build CSR', () => buildCsr(g.nodeCount, g.sources, g.targets));
  const { inOffsets } = csr;
  let root = 0;
  for (let v = 1; v < csr.nodeCount; v++) {
    if (inOffsets[v + 1] - inOffsets[v] > inOffsets[root + 1] - inOffsets[root]) root = v;
  }
  const rng = seededRng(12);
  const truth = setup.run('simulate independent cascade', () => {
    for (let p = 0.05; ; p *= 1.5) {
      const t = simulateIndependentCascade(csr, root, { rng, probability: p, maxSize: options.reshares + 1 });
      if (t.accounts.length === options.reshares + 1 || p > 0.9) return t;
    }
  });
  const reshares = setup.run('platform view (shuffled, via, dups)', () => {
    const list: ReshareInput<number>[] = [];
    for (let i = 1; i < truth.accounts.length; i++) {
      const via = rng() < 0.1 && truth.parent[i] > 0 ? truth.accounts[truth.parent[i]] : undefined;
      list.push({ account: truth.accounts[i], time: truth.times[i], via });
      if (rng() < 0.01) list.push({ account: truth.accounts[i], time: truth.times[i] + 60_000 });
    }
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  });
  setup.print(
    `setup: ${csr.nodeCount} accounts, ${csr.edgeCount} follows; cascade of ${truth.accounts.length - 1} reshares from account ${root} (${inOffsets[root + 1] - inOffsets[root]} followers), ${reshares.length} reported`,
  );

  const runs: Run[] = [];
  for (let r = 0; r < options.runs; r++) {
    for (const path of ['typed', 'generic'] as const)
      runs.push(measureOnce(path, csr, root, truth.times[0], reshares));
  }
  for (const run of runs.slice(0, 2)) run.timer.print(`timed, ${run.path} path (first run)`);
  const { cascade, metrics, reach } = runs[0];
  let recovered = 0;
  const node = new Map<number, number>();
  for (let i = 0; i < cascade.size; i++) node.set(cascade.accounts[i], i);
  for (let i = 1; i < truth.accounts.length; i++) {
    const j = node.get(truth.accounts[i])!;
    if (cascade.accounts[cascade.parent[j]] === truth.accounts[truth.parent[i]]) recovered++;
  }
  const { counts } = cascade;
  console.log(
    `\ncascade: ${cascade.size} nodes, via ${counts.via}, followed ${counts.followed}, fallback ${counts.fallback}, duplicates dropped ${counts.duplicates}`,
  );
  console.log(
    `metrics: depth ${metrics.depth}, max breadth ${metrics.maxBreadth} (level ${metrics.maxBreadthDepth}), structural virality ${metrics.structuralVirality?.toFixed(3)}, time to half ${((metrics.timeToHalf ?? 0) / 3_600_000).toFixed(2)} h, word of mouth ${(100 * (metrics.wordOfMouth.share ?? 0)).toFixed(1)} %`,
  );
  console.log(
    `earned reach: ${reach.value} (${reach.kind}, ${reach.counted.method}); parents recovered vs simulated truth: ${(recovered / (truth.accounts.length - 1)).toFixed(3)}`,
  );
  let ok = true;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const [load1] = loadavg();
  console.log(
    `\n${options.runs} runs per path; load average ${load1.toFixed(1)} on ${availableParallelism()} cores`,
  );
  for (const path of ['typed', 'generic'] as const) {
    const mine = runs.filter((run) => run.path === path);
    const wall = median(mine.map((run) => sum(run.timer.phases, 'wallMs')));
    const cpu = median(mine.map((run) => sum(run.timer.phases, 'cpuMs')));
    const heap = Math.max(...mine.map((run) => run.timer.peakHeapMb));
    const pass = wall < WALL_FLOOR_MS && peakRssMb < RSS_FLOOR_MB;
    ok &&= pass;
    console.log(
      `${path.padEnd(8)} reconstruct + measure: median ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; peak heap ${heap.toFixed(0)} MB → ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
  if (load1 > availableParallelism()) {
    console.log(
      `machine oversubscribed (load ${load1.toFixed(1)} on ${availableParallelism()} cores): wall times are inflated, CPU time is the steadier figure`,
    );
  }
  console.log(
    `peak RSS ${peakRssMb.toFixed(0)} MB (whole process, graph generation included); floors ${WALL_FLOOR_MS} ms wall, ${RSS_FLOOR_MB} MB`,
  );
  return { ok, peakRssMb };
}
