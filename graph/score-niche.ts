/**
 * Murmur graph/score-niche
 * ========================
 *
 * One pass that computes everything the product shows for a niche: builds the
 * CSR and undirected views once, runs each metric over them, ranks the
 * components and combines them into the opinion-leader score. Inputs and
 * outputs are typed arrays and plain objects, so the server can run it in a
 * worker thread and transfer the buffers.
 */
import { buildCsr } from './build/csr.ts';
import { undirectedView } from './build/undirected.ts';
import { betweenness } from './centrality/betweenness.ts';
import { coreness } from './centrality/coreness.ts';
import { hits } from './centrality/hits.ts';
import { pagerank } from './centrality/pagerank.ts';
import { louvain } from './communities/louvain.ts';
import { summarizeCommunities } from './communities/summary.ts';
import { GraphError, throwIfAborted } from './errors.ts';
import { type AudienceQualityOptions, audienceQuality } from './influence/audience-quality.ts';
import { COMPONENTS, type ComponentName, compositeScore, percentileRanks, resolveWeights } from './influence/composite.ts';
import { nicheAffinity } from './influence/niche-affinity.ts';
import type { NicheInput, NicheScores, ScoreNicheOptions } from './score-niche.types.ts';
import { twoHopReach } from './spread/reach.ts';

function checkArray(name: string, array: ArrayLike<number> | undefined, nodeCount: number): void {
  if (array !== undefined && array.length !== nodeCount) {
    throw new GraphError(
      'length-mismatch',
      `murmur/graph/score-niche: ${name} has ${array.length} entries but nodeCount is ${nodeCount}`,
    );
  }
}

function validate(input: NicheInput): void {
  checkArray('platformFollowers', input.platformFollowers, input.nodeCount);
  checkArray('audience', input.audience, input.nodeCount);
  for (const [name, array] of Object.entries(input.profile ?? {})) {
    checkArray(`profile.${name}`, array, input.nodeCount);
  }
}

/**
 * @example
 * const scores = scoreNiche({ nodeCount, sources, targets }, { rng: seededRng(1) });
 * explain(scores, topNode); // why this account scores what it scores
 */
export function scoreNiche(input: NicheInput, options: ScoreNicheOptions = {}): NicheScores {
  const weights = resolveWeights(options.weights);
  validate(input);
  const rng = options.rng ?? Math.random;
  const run = { onProgress: options.onProgress, signal: options.signal };
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = now - clock;
    clock = now;
    throwIfAborted(options.signal, 'score-niche');
    options.onProgress?.(name, 1);
  };
  const started = clock;

  const csr = buildCsr(input.nodeCount, input.sources, input.targets);
  const undirected = undirectedView(csr);
  phase('build');
  const n = csr.nodeCount;
  const inDegree = new Float64Array(n);
  for (let v = 0; v < n; v++) inDegree[v] = csr.inOffsets[v + 1] - csr.inOffsets[v];
  const platformFollowers = input.platformFollowers ?? new Float64Array(n).fill(Number.NaN);

  const reach = twoHopReach(csr, { ...options.reach, ...run });
  phase('reach');
  const pr = pagerank(csr, { ...options.pagerank, ...run });
  phase('pagerank');
  const hub = hits(csr, { ...options.hits, ...run });
  phase('hits');
  const btw = betweenness(csr, {
    ...run,
    rng,
    ...(options.betweennessSamples !== undefined && { samples: options.betweennessSamples }),
  });
  phase('betweenness');
  const cores = coreness(undirected);
  phase('coreness');
  const louv = louvain(undirected, { ...options.louvain, ...run, rng });
  phase('communities');
  const affinity = nicheAffinity(csr, { ...options.nicheAffinity, audience: input.audience, platformFollowers });
  const quality = audienceQuality(csr, input.profile ?? {}, options.audienceQuality as AudienceQualityOptions);
  phase('audience');

  const raw: Record<ComponentName, ArrayLike<number>> = {
    inDegree,
    platformFollowers,
    reach: reach.reach,
    pagerank: pr.scores,
    authorities: hub.authorities,
    hubs: hub.hubs,
    betweenness: btw.scores,
    coreness: cores,
    nicheAffinity: affinity.affinity,
    audienceQuality: quality.quality,
  };
  const percentiles = {} as Record<ComponentName, Float64Array>;
  for (const c of COMPONENTS) percentiles[c] = percentileRanks(raw[c]);
  const score = compositeScore(percentiles, weights, n);
  const communities = summarizeCommunities(louv.communities, louv.count, score, options.topNodesPerCommunity ?? 10);
  phase('score');
  timings.total = performance.now() - started;

  return {
    nodeCount: n,
    edgeCount: csr.edgeCount,
    selfLoops: csr.selfLoops,
    duplicateEdges: csr.duplicateEdges,
    inDegree,
    platformFollowers,
    reach: reach.reach,
    reachIsEstimate: reach.isEstimate,
    reachStandardError: reach.standardError,
    pagerank: pr.scores,
    hubs: hub.hubs,
    authorities: hub.authorities,
    betweenness: btw.scores,
    betweennessExact: btw.exact,
    betweennessSources: btw.sources,
    coreness: cores,
    community: louv.communities,
    nicheFollowers: affinity.nicheFollowers,
    nicheAffinity: affinity.affinity,
    nicheBaseline: affinity.baseline,
    audienceQuality: quality.quality,
    inauthenticFollowers: quality.inauthenticFollowers,
    score,
    components: COMPONENTS,
    weights,
    percentiles,
    communities,
    communityCount: louv.count,
    modularity: louv.modularity,
    convergence: {
      pagerank: { iterations: pr.iterations, converged: pr.converged },
      hits: { iterations: hub.iterations, converged: hub.converged },
    },
    timings,
  };
}
