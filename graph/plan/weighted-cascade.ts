/**
 * Murmur graph/plan/weighted-cascade
 * ==================================
 *
 * Independent-cascade influence graphs over a follower CSR (Kempe, Kleinberg
 * & Tardos 2003, "Maximizing the spread of influence through a social
 * network"). Information flows from a followed account to its followers, so
 * the flow edges out of v are v's followers and the flow edges into v are the
 * accounts v follows.
 *
 * - Weighted cascade (Kempe et al. 2003, §4; the default of the influence-
 *   maximization literature since Chen, Wang & Yang 2009): p(u → v) =
 *   1 / (flow in-degree of v) = 1 / (number of accounts v follows). An
 *   account that follows many others is less likely to act on any one post.
 * - Uniform: the same p on every edge (Kempe et al. use 0.01 and 0.1).
 *
 * The CSR's offset and neighbour arrays are shared, not copied.
 */
import type { Csr } from '../build/csr.ts';
import { PlanError } from './plan.errors.ts';
import type { InfluenceGraph } from './plan.types.ts';

export const UNIFORM_DEFAULTS = { probability: 0.01 };

function withProbabilities(
  csr: Csr,
  model: InfluenceGraph['model'],
  probabilityInto: (v: number) => number,
): InfluenceGraph {
  const { nodeCount, edgeCount, inOffsets, inSources, outOffsets, outTargets } = csr;
  const reverseProbabilities = new Float64Array(edgeCount);
  for (let v = 0; v < nodeCount; v++) {
    const p = probabilityInto(v);
    reverseProbabilities.fill(p, outOffsets[v], outOffsets[v + 1]);
  }
  const probabilities = new Float64Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) probabilities[i] = probabilityInto(inSources[i]);
  return {
    nodeCount,
    edgeCount,
    model,
    offsets: inOffsets,
    targets: inSources,
    probabilities,
    reverseOffsets: outOffsets,
    sources: outTargets,
    reverseProbabilities,
    constantPerTarget: true,
  };
}

/**
 * @example
 * const graph = weightedCascade(buildCsr(n, sources, targets));
 * graph.probabilities; // 1 / (accounts the receiving follower follows)
 */
export function weightedCascade(csr: Csr): InfluenceGraph {
  const { outOffsets } = csr;
  return withProbabilities(csr, 'weighted-cascade', (v) => {
    const follows = outOffsets[v + 1] - outOffsets[v];
    return follows > 0 ? 1 / follows : 0;
  });
}

/**
 * @example
 * const graph = uniformCascade(csr, { probability: 0.05 });
 */
export function uniformCascade(csr: Csr, options: { probability?: number } = {}): InfluenceGraph {
  const { probability } = { ...UNIFORM_DEFAULTS, ...options };
  if (!(probability >= 0 && probability <= 1)) {
    throw new PlanError(
      'invalid-option',
      `murmur/graph/plan/weighted-cascade: probability must be in [0, 1], got ${probability}`,
    );
  }
  return withProbabilities(csr, 'uniform', () => probability);
}

/**
 * Buffers to transfer with the graph to a worker (the sender loses them, and with them the CSR
 * the graph was built from, whose arrays it shares).
 *
 * @example
 * worker.postMessage(graph, influenceTransferList(graph));
 */
export function influenceTransferList(graph: InfluenceGraph): ArrayBuffer[] {
  const arrays = [
    graph.offsets,
    graph.targets,
    graph.probabilities,
    graph.reverseOffsets,
    graph.sources,
    graph.reverseProbabilities,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
