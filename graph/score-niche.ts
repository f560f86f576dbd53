/**
 * Murmur graph/score-niche
 * ========================
 *
 * One pass that computes everything the product shows for a niche: builds the
 * CSR and undirected views once, runs each metric over them, ranks the
 * components and combines them into the opinion-leader score. Inputs and
 * outputs are typed arrays and plain objects, so the server can run it in a
 * worker thread and transfer the buffers.
 *
 * `scoreNiche` is single-threaded. `scoreNicheAsync` takes an injected
 * executor (e.g. a worker_threads pool owned by the caller) whose threads
 * steal small chunks of the betweenness sources from an atomic counter while
 * the calling thread computes the other metrics, then the calling thread
 * steals what is left. Each thread sums into its own array; the per-source
 * values are rounded to a grid on which addition is exact, so the result has
 * the same bits for any number of threads. The library never starts a thread.
 */
import { buildCsr, type Csr } from './build/csr.ts';
import { type UndirectedCsr, undirectedView } from './build/undirected.ts';
import {
  accumulateBetweenness,
  accumulateBetweennessShared,
  finishBetweenness,
  planBetweenness,
} from './centrality/betweenness.ts';
import { coreness } from './centrality/coreness.ts';
import { hits } from './centrality/hits.ts';
import { pagerank } from './centrality/pagerank.ts';
import { louvain } from './communities/louvain.ts';
import { summarizeCommunities } from './communities/summary.ts';
import { GraphError, throwIfAborted } from './errors.ts';
import { audienceQuality } from './influence/audience-quality.ts';
import {
  COMPONENTS,
  type ComponentName,
  compositeScore,
  type ExclusionReason,
  percentileRanks,
  resolveWeights,
  uninformativeComponents,
  withoutComponents,
} from './influence/composite.ts';
import { nicheAffinity } from './influence/niche-affinity.ts';
import type { BetweennessExecutor, NicheInput, NicheScores, ScoreNicheOptions } from './score-niche.types.ts';
import { twoHopReach } from './spread/reach.ts';

type Context = {
  input: NicheInput;
  options: ScoreNicheOptions;
  csr: Csr;
  undirected: UndirectedCsr;
  plan: { sources: Int32Array; exact: boolean };
  timings: Record<string, number>;
  phase: (name: string) => void;
  started: number;
};

function checkArray(name: string, array: ArrayLike<number> | undefined, nodeCount: number): void {
  if (array !== undefined && array.length !== nodeCount) {
    throw new GraphError(
      'length-mismatch',
      `murmur/graph/score-niche: ${name} has ${array.length} entries but nodeCount is ${nodeCount}`,
    );
  }
}

/**
 * Sampled sources for scoreNiche: 256 up to 1M follows, then fewer so that
 * betweenness stays about 256M edge visits (85 at 3M follows), never below
 * 64. On wiki-vote, Spearman with exact is 0.989 at 256 and 0.976 at 64.
 * `betweennessSamples` overrides it.
 *
 * @example
 * defaultBetweennessSamples(3_000_000); // 85
 */
export function defaultBetweennessSamples(edgeCount: number): number {
  return Math.min(256, Math.max(64, Math.round(BETWEENNESS_EDGE_VISITS / Math.max(1, edgeCount))));
}

const BETWEENNESS_EDGE_VISITS = 256e6;

function begin(input: NicheInput, options: ScoreNicheOptions): Context {
  resolveWeights(options.weights);
  checkArray('platformFollowers', input.platformFollowers, input.nodeCount);
  checkArray('audience', input.audience, input.nodeCount);
  for (const [name, array] of Object.entries(input.profile ?? {})) {
    checkArray(`profile.${name}`, array, input.nodeCount);
  }
  const timings: Record<string, number> = {};
  const started = performance.now();
  let clock = started;
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + now - clock;
    clock = now;
    throwIfAborted(options.signal, 'score-niche');
    options.onProgress?.(name, 1);
  };
  const csr = buildCsr(input.nodeCount, input.sources, input.targets);
  const undirected = undirectedView(csr);
  const plan = planBetweenness(csr, {
    rng: options.rng ?? Math.random,
    samples: options.betweennessSamples ?? defaultBetweennessSamples(csr.edgeCount),
  });
  phase('build');
  return { input, options, csr, undirected, plan, timings, phase, started };
}

function metrics(ctx: Context) {
  const { csr, undirected, options, input, phase } = ctx;
  const run = { onProgress: options.onProgress, signal: options.signal };
  const reach = twoHopReach(csr, { ...options.reach, ...run });
  phase('reach');
  const pr = pagerank(csr, { ...options.pagerank, ...run });
  phase('pagerank');
  const hub = hits(csr, { ...options.hits, ...run });
  phase('hits');
  const cores = coreness(undirected);
  phase('coreness');
  const louv = louvain(undirected, { ...options.louvain, ...run, rng: options.rng ?? Math.random });
  phase('communities');
  const platformFollowers = input.platformFollowers ?? new Float64Array(csr.nodeCount).fill(Number.NaN);
  const affinity = nicheAffinity(csr, {
    ...options.nicheAffinity,
    audience: input.audience,
    platformFollowers,
  });
  const quality = audienceQuality(csr, input.profile ?? {}, options.audienceQuality);
  phase('audience');
  return { reach, pr, hub, cores, louv, platformFollowers, affinity, quality };
}

function finish(ctx: Context, m: ReturnType<typeof metrics>, betweenness: Float64Array): NicheScores {
  const { csr, options, plan, timings } = ctx;
  const n = csr.nodeCount;
  finishBetweenness(betweenness, plan.sources.length, true);
  const configured = resolveWeights(options.weights);
  const inDegree = new Float64Array(n);
  for (let v = 0; v < n; v++) inDegree[v] = csr.inOffsets[v + 1] - csr.inOffsets[v];
  const raw: Record<ComponentName, ArrayLike<number>> = {
    inDegree,
    platformFollowers: m.platformFollowers,
    reach: m.reach.reach,
    pagerank: m.pr.scores,
    authorities: m.hub.authorities,
    hubs: m.hub.hubs,
    betweenness,
    coreness: m.cores,
    nicheAffinity: m.affinity.affinity,
    audienceQuality: m.quality.quality,
  };
  const percentiles = {} as Record<ComponentName, Float64Array>;
  for (const c of COMPONENTS) percentiles[c] = percentileRanks(raw[c]);
  // A component nobody can be ranked by is left out, its weight spread over the rest.
  const excluded: Partial<Record<ComponentName, ExclusionReason>> = {};
  for (const [c, reason] of Object.entries(uninformativeComponents(raw)) as [
    ComponentName,
    ExclusionReason,
  ][]) {
    if (configured[c] > 0) excluded[c] = reason;
  }
  const weights = withoutComponents(configured, Object.keys(excluded) as ComponentName[]);
  // Nothing left to score by (one account, an empty graph): keep the weights, exclude nothing.
  if (COMPONENTS.every((c) => weights[c] === configured[c])) {
    for (const c of Object.keys(excluded)) delete excluded[c as ComponentName];
  }
  const score = compositeScore(percentiles, weights, n);
  const communities = summarizeCommunities(
    m.louv.communities,
    m.louv.count,
    score,
    options.topNodesPerCommunity ?? 10,
  );
  ctx.phase('score');
  timings.total = performance.now() - ctx.started;
  return {
    nodeCount: n,
    edgeCount: csr.edgeCount,
    selfLoops: csr.selfLoops,
    duplicateEdges: csr.duplicateEdges,
    inDegree,
    platformFollowers: m.platformFollowers,
    reach: m.reach.reach,
    reachIsEstimate: m.reach.isEstimate,
    reachStandardError: m.reach.standardError,
    pagerank: m.pr.scores,
    hubs: m.hub.hubs,
    authorities: m.hub.authorities,
    betweenness,
    betweennessExact: plan.exact,
    betweennessSources: plan.sources.length,
    coreness: m.cores,
    community: m.louv.communities,
    nicheFollowers: m.affinity.nicheFollowers,
    nicheAffinity: m.affinity.affinity,
    nicheBaseline: m.affinity.baseline,
    audienceQuality: m.quality.quality,
    inauthenticFollowers: m.quality.inauthenticFollowers,
    score,
    components: COMPONENTS,
    weights,
    excluded,
    percentiles,
    communities,
    communityCount: m.louv.count,
    modularity: m.louv.modularity,
    convergence: {
      pagerank: { iterations: m.pr.iterations, converged: m.pr.converged },
      hits: { iterations: m.hub.iterations, converged: m.hub.converged },
    },
    timings,
  };
}

/**
 * @example
 * const scores = scoreNiche({ nodeCount, sources, targets }, { rng: seededRng(1) });
 * explain(scores, topNode); // why this account scores what it scores
 */
export function scoreNiche(input: NicheInput, options: ScoreNicheOptions = {}): NicheScores {
  const ctx = begin(input, options);
  const m = metrics(ctx);
  const betweenness = new Float64Array(ctx.csr.nodeCount);
  accumulateBetweenness(ctx.csr, ctx.plan.sources, betweenness, options);
  ctx.phase('betweenness');
  return finish(ctx, m, betweenness);
}

/**
 * Same result as `scoreNiche`, bit for bit, with betweenness sources shared
 * with `executor`'s threads while this thread computes the other metrics.
 * Without an executor it is `scoreNiche`. Chunks are small (2 sources by
 * default) so a thread slowed by another process holds up the end by at most
 * one chunk.
 *
 * @example
 * const scores = await scoreNicheAsync(input, { rng: seededRng(1), executor: pool.betweenness });
 */
export async function scoreNicheAsync(
  input: NicheInput,
  options: ScoreNicheOptions & { executor?: BetweennessExecutor; chunkSize?: number } = {},
): Promise<NicheScores> {
  const { executor, chunkSize = 2, ...rest } = options;
  if (!executor) return scoreNiche(input, rest);
  const ctx = begin(input, rest);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const { nodeCount, edgeCount, outOffsets, outTargets } = ctx.csr;
  const task = {
    csr: { nodeCount, edgeCount, outOffsets, outTargets },
    sources: ctx.plan.sources,
    counter,
    chunkSize,
  };
  const remote = executor(task);
  // Observed here so a failure while this thread is busy is not reported as unhandled.
  remote.catch(() => {});
  const betweenness = new Float64Array(ctx.csr.nodeCount);
  let m: ReturnType<typeof metrics>;
  try {
    m = metrics(ctx);
    accumulateBetweennessShared(ctx.csr, ctx.plan.sources, counter, chunkSize, betweenness, {
      signal: rest.signal,
    });
  } catch (error) {
    // Let the other threads stop after their current chunk.
    Atomics.store(counter, 0, ctx.plan.sources.length);
    throw error;
  }
  // Exact sums (see betweennessQuantum), added in thread order all the same.
  for (const partial of await remote) {
    for (let v = 0; v < betweenness.length; v++) betweenness[v] += partial[v];
  }
  ctx.phase('betweenness');
  return finish(ctx, m, betweenness);
}
