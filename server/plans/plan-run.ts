/**
 * Computing a stored plan: the job's whole work. Loads the niche's graph the way scoring does,
 * applies the plan's filters and fees, runs the planner in a worker thread, and stores the
 * result. Idempotent: a plan already done is left alone, and a rerun (after a crash) computes
 * the same plan from the same seed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { niches, type PlanPick, type PlanResult, type PlanStrategy, plans } from '../db/schema/index.ts';
import { publicErrorText } from '../lib/error-text.ts';
import { loadScoringInput } from '../scoring/scoring-input.ts';
import { type LearnedData, requireLearnedData } from './learned-actions.ts';
import { type Candidate, eligibility, loadCandidates } from './plan-candidates.ts';
import type { PlanRequest, Strategy } from './plan-compute.ts';
import { planInWorker } from './plan-in-worker.ts';
import { PlanError } from './plans.errors.ts';
import { checkPlannable, MAX_PLAN_ATTEMPTS, modelLabel } from './plans.service.ts';

type Progress = (phase: string, fraction: number) => void;

/** Runs the plan now (the job, the CLI). Returns false when there was nothing to do. */
export async function runPlanNow(
  db: Db,
  planId: string,
  options: { now?: Date; onProgress?: Progress } = {},
) {
  const [claimed] = await db
    .update(plans)
    .set({
      status: 'running',
      attempts: sql`${plans.attempts} + 1`,
      progress: { phase: 'loading', fraction: 0 },
      error: null,
      updatedAt: new Date(),
    })
    .where(and(eq(plans.id, planId), inArray(plans.status, ['queued', 'running'])))
    .returning();
  if (!claimed) return false;
  try {
    if (claimed.attempts > MAX_PLAN_ATTEMPTS)
      throw new PlanError('plan_failed', `Planning stopped after ${MAX_PLAN_ATTEMPTS} interrupted attempts.`);
    const result = await compute(db, claimed, options);
    await db
      .update(plans)
      .set({
        status: 'done',
        result,
        progress: { phase: 'done', fraction: 1 },
        finishedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(plans.id, planId));
    return true;
  } catch (error) {
    // A refusal (no eligible accounts…) or the last attempt fails the plan for good; anything
    // else goes back to the queue for the job's retry.
    const final = error instanceof PlanError || claimed.attempts >= MAX_PLAN_ATTEMPTS;
    await db
      .update(plans)
      .set({ status: final ? 'failed' : 'queued', error: publicErrorText(error), updatedAt: new Date() })
      .where(and(eq(plans.id, planId), eq(plans.status, 'running')));
    if (!final) throw error;
    return true;
  }
}

/** The job gave up around runPlanNow: a plan still running is failed, never left running. */
export async function failPlan(db: Db, planId: string, message: string) {
  await db
    .update(plans)
    .set({ status: 'failed', error: message, updatedAt: new Date() })
    .where(and(eq(plans.id, planId), eq(plans.status, 'running')));
}

async function compute(
  db: Db,
  plan: typeof plans.$inferSelect,
  options: { now?: Date; onProgress?: Progress },
) {
  const started = performance.now();
  const { inputs } = plan;
  const [niche] = await db.select().from(niches).where(eq(niches.id, plan.nicheId));
  if (!niche) throw new PlanError('plan_failed', 'The niche is gone.');
  const learned = inputs.model.kind === 'learned' ? await requireLearnedData(db, niche) : null;
  const candidates = await loadCandidates(db, niche, inputs.currency);
  const found = eligibility(candidates, inputs);
  checkPlannable(inputs, found, new Set(candidates.map((c) => c.accountId)));
  const { input: graph, accountIds } = await loadScoringInput(db, niche.id, options.now ?? new Date());
  const n = graph.nodeCount;
  const indexOf = new Map<number, number>();
  accountIds.forEach((id, i) => {
    indexOf.set(id, i);
  });
  const byNode = new Map<number, Candidate>(candidates.map((c) => [indexOf.get(c.accountId)!, c]));
  const costs = new Float64Array(n);
  const eligible = new Uint8Array(n);
  const fee = new Map<number, number | null>();
  for (const e of [...found.eligible, ...found.fixed]) {
    const v = indexOf.get(e.candidate.accountId)!;
    costs[v] = e.feeMinor ?? 0;
    fee.set(v, e.feeMinor);
  }
  for (const e of found.eligible) eligible[indexOf.get(e.candidate.accountId)!] = 1;
  const ranked = (key: (c: Candidate) => number | null) =>
    Int32Array.from(
      found.eligible
        .filter((e) => key(e.candidate) !== null)
        .sort(
          (a, b) => key(b.candidate)! - key(a.candidate)! || a.candidate.accountId - b.candidate.accountId,
        )
        .map((e) => indexOf.get(e.candidate.accountId)!),
    );
  const hasScores = candidates.some((c) => c.score !== null);
  const target = inputs.goal.kind === 'budget' ? inputs.goal.amountMinor : inputs.goal.k;
  const steps = [0.25, 0.5, 0.75, 1, 1.5, 2];
  const request: PlanRequest = {
    nodeCount: n,
    sources: graph.sources,
    targets: graph.targets,
    model: learned
      ? { kind: 'learned', cascades: learnedCascades(learned, indexOf) }
      : inputs.model.kind === 'uniform'
        ? inputs.model
        : { kind: 'wc' },
    goal: inputs.goal.kind === 'budget' ? { budget: target } : { k: target },
    costs,
    eligible,
    fixed: Int32Array.from(found.fixed.map((f) => indexOf.get(f.candidate.accountId)!)),
    byFollowers: ranked((c) => c.followers),
    byScore: hasScores ? ranked((c) => c.score) : null,
    epsilon: inputs.epsilon,
    seed: plan.seed,
    simulations: inputs.simulations,
    curve: [...new Set(steps.map((s) => Math.max(1, Math.round(target * s))))],
  };
  const report = throttledProgress(db, plan.id, options.onProgress);
  const reply = await planInWorker(request, report.update);
  await report.flush();

  const pick = (v: number, marginalGain: number | null, fixed: boolean): PlanPick => {
    const c = byNode.get(v)!;
    const f = fee.get(v);
    return {
      accountId: c.accountId,
      handle: c.handle,
      displayName: c.displayName,
      followers: c.followers,
      feeMinor: f === undefined ? null : f,
      marginalGain,
      fixed,
    };
  };
  // A fee the source does not know is unknown, not free: the total is then unknown too.
  const total = (picks: PlanPick[]) =>
    picks.some((p) => p.feeMinor === null) ? null : picks.reduce((sum, p) => sum + (p.feeMinor ?? 0), 0);
  const strategy = (nodes: number[], spread: Strategy['spread'], gains?: number[]): PlanStrategy => {
    const picks = nodes.map((v, i) => pick(v, gains?.[i] ?? null, request.fixed.includes(v)));
    return { picks, costMinor: total(picks), spread: estimate(spread) };
  };
  const result: PlanResult = {
    plan: strategy(
      reply.plan.picks.map((p) => p.node),
      reply.spread,
      reply.plan.picks.map((p) => p.marginalGain),
    ),
    byFollowers: strategy(reply.byFollowers.nodes, reply.byFollowers.spread),
    byScore: reply.byScore ? strategy(reply.byScore.nodes, reply.byScore.spread) : null,
    guarantee: {
      approximation: reply.plan.guarantee.approximation,
      certifiedRatio: reply.plan.guarantee.certifiedRatio,
      probability: reply.plan.guarantee.probability,
      capped: reply.plan.guarantee.capped,
      sentence: reply.plan.guarantee.text,
    },
    model: {
      kind: inputs.model.kind,
      label: modelLabel(
        inputs.model,
        learned ? { data: learned, learnedEdges: reply.learnedEdges ?? 0 } : undefined,
      ),
    },
    excluded: { doNotContact: found.excludedDoNotContact, withoutFee: found.withoutFee },
    curve: reply.curve.map((c) => ({
      budget: c.budget,
      spread: c.spread,
      costMinor: c.cost,
      accounts: c.accounts,
    })),
    nodeCount: n,
    edgeCount: graph.sources.length,
    eligibleCount: found.eligible.length,
    ms: Math.round(performance.now() - started),
  };
  return result;
}

/** The observed actions in node indices; an account the graph no longer holds is left out. */
function learnedCascades(data: LearnedData, indexOf: Map<number, number>) {
  return data.cascades.map((cascade) =>
    cascade.flatMap((a) => {
      const account = indexOf.get(a.accountId);
      if (account === undefined) return [];
      const parent = a.parentAccountId === null ? null : (indexOf.get(a.parentAccountId) ?? account);
      return [{ account, parentAccount: parent, time: a.time }];
    }),
  );
}

const estimate = (s: { mean: number; ci95: [number, number]; runs: number }) => ({
  mean: s.mean,
  low: s.ci95[0],
  high: s.ci95[1],
  runs: s.runs,
});

/** Writes progress at most every few percent, in order, so the bar moves without flooding the database. */
function throttledProgress(db: Db, planId: string, onProgress?: Progress) {
  let last = { phase: '', fraction: -1 };
  let chain: Promise<unknown> = Promise.resolve();
  return {
    update(phase: string, fraction: number) {
      onProgress?.(phase, fraction);
      if (phase === last.phase && fraction - last.fraction < 0.05) return;
      last = { phase, fraction };
      chain = chain
        .then(() =>
          db
            .update(plans)
            .set({ progress: { phase, fraction }, updatedAt: new Date() })
            .where(and(eq(plans.id, planId), eq(plans.status, 'running'))),
        )
        .catch(() => {});
    },
    flush: () => chain,
  };
}
