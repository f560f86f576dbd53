/**
 * One plan's computation, given the niche as index arrays: builds the influence graph, runs the
 * planner, estimates the plan and both baselines by independent Monte Carlo, then traces the
 * spread-vs-budget curve. Runs in the worker thread (plan.worker.ts), or inline for tiny niches.
 */
import { buildCsr } from '../../graph/build/csr.ts';
import {
  type CurvePoint,
  type PlanResult as EnginePlan,
  type InfluenceGraph,
  learnedCascade,
  type PlanProgress,
  type PropagationAction,
  planSeeds,
  rankingBaseline,
  type SpreadEstimate,
  simulateSpread,
  spreadCurve,
  uniformCascade,
  weightedCascade,
} from '../../graph/plan/index.ts';

export type PlanRequest = {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  /** Learned: the observed cascades, in node indices (see server/plans/learned-actions.ts). */
  model:
    | { kind: 'wc' }
    | { kind: 'uniform'; p: number }
    | { kind: 'learned'; cascades: PropagationAction[][] };
  goal: { k: number } | { budget: number };
  costs: Float64Array;
  eligible: Uint8Array;
  fixed: Int32Array;
  /** Eligible nodes, most followers first; and by Murmur score (null: the niche has no scores). */
  byFollowers: Int32Array;
  byScore: Int32Array | null;
  epsilon: number;
  seed: number;
  simulations: number;
  /** Budgets (or k values) for the curve, ascending. */
  curve: number[];
};

export type Strategy = { nodes: number[]; totalCost: number; spread: SpreadEstimate };
export type PlanReply =
  | {
      ok: true;
      plan: Omit<EnginePlan, 'nodes'>;
      spread: SpreadEstimate;
      byFollowers: Strategy;
      byScore: Strategy | null;
      curve: CurvePoint[];
      /** Follows whose probability was learned from observations (learned model only). */
      learnedEdges: number | null;
    }
  | { ok: false; message: string; code?: string };
export type PlanWorkerProgress = { progress: { phase: string; fraction: number } };

/** Share of the whole run each phase takes, roughly, so one bar moves forward steadily. */
const phases: Record<string, [number, number]> = {
  estimate: [0, 0.1],
  sample: [0.1, 0.35],
  select: [0.35, 0.45],
  validate: [0.45, 0.55],
  simulate: [0.55, 0.8],
  baselines: [0.8, 0.9],
  curve: [0.9, 1],
};

export type PlanComputed = Extract<PlanReply, { ok: true }>;

export async function computePlan(
  request: PlanRequest,
  onProgress: (phase: string, fraction: number) => void = () => {},
): Promise<PlanComputed> {
  const report = (phase: string, done: number, total: number) => {
    const [from, to] = phases[phase] ?? [0, 1];
    onProgress(phase, from + (to - from) * (total > 0 ? Math.min(1, done / total) : 0));
  };
  const csr = buildCsr(request.nodeCount, request.sources, request.targets);
  const graph: InfluenceGraph =
    request.model.kind === 'uniform'
      ? uniformCascade(csr, { probability: request.model.p })
      : request.model.kind === 'learned'
        ? learnedCascade(csr, request.model.cascades)
        : weightedCascade(csr);
  const limits = { ...request.goal, costs: request.costs, eligible: request.eligible, fixed: request.fixed };
  return planSeeds(graph, {
    ...limits,
    epsilon: request.epsilon,
    seed: request.seed,
    onProgress: (p: PlanProgress) => report(p.phase, p.done, p.total),
  }).then((plan) => {
    // Independent Monte Carlo, with its own seeds, for the plan and both baselines alike.
    const simulate = (nodes: ArrayLike<number>, salt: number) =>
      simulateSpread(graph, nodes, { runs: request.simulations, seed: request.seed + salt });
    report('simulate', 0, 3);
    const spread = simulate(plan.nodes, 101);
    report('simulate', 1, 3);
    const baseline = (ranking: Int32Array, salt: number): Strategy => {
      const b = rankingBaseline(graph, ranking, { ...limits, seed: request.seed + salt });
      return { nodes: Array.from(b.nodes), totalCost: b.totalCost, spread: simulate(b.nodes, salt + 1) };
    };
    const byFollowers = baseline(request.byFollowers, 201);
    report('simulate', 2, 3);
    const byScore = request.byScore ? baseline(request.byScore, 301) : null;
    report('baselines', 1, 1);
    const curve = spreadCurve(graph, {
      budgets: request.curve,
      costs: 'budget' in request.goal ? request.costs : undefined,
      eligible: request.eligible,
      fixed: request.fixed,
      seed: request.seed + 401,
      onProgress: (p) => report('curve', p.done, p.total),
    });
    const { nodes: _nodes, ...rest } = plan;
    const learnedEdges = graph.learnedEdges ?? null;
    return { ok: true as const, plan: rest, spread, byFollowers, byScore, curve, learnedEdges };
  });
}
