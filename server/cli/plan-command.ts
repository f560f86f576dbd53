/**
 * `murmur plan --niche NAME (--budget AMOUNT | --k N)`: plans the seeding of a niche in this
 * process (progress on stderr) and prints the chosen accounts, the comparison with the simple
 * rankings and the guarantee on stdout. Amounts are in the currency's major unit (euros).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open.ts';
import type { PlanEstimate, PlanResult, PlanStrategy } from '../db/schema/index.ts';
import { NicheError } from '../niches/niches.errors.ts';
import { runPlanNow } from '../plans/plan-run.ts';
import { PlanError } from '../plans/plans.errors.ts';
import { createPlanInput } from '../plans/plans.schemas.ts';
import { getPlan, storePlan } from '../plans/plans.service.ts';
import { UsageError } from './cli-errors.ts';
import { nicheByName, workspaceOf } from './discover-commands.ts';
import { bar, progressLine } from './progress.ts';

export const planUsage = `murmur plan --niche NAME (--budget AMOUNT | --k N) [--epsilon E] [--model wc|uniform:P|learned]
      [--fees rate-card|deals] [--per-thousand AMOUNT] [--minimum AMOUNT] [--currency EUR]
      [--eligible all|shortlist|community:N] [--seed S] [--simulations N] [--workspace W]`;

type Out = { write(text: string): unknown };
type Io = { database?: Database; stdout?: Out; stderr?: NodeJS.WriteStream };

const options = {
  workspace: { type: 'string' },
  niche: { type: 'string' },
  budget: { type: 'string' },
  k: { type: 'string' },
  epsilon: { type: 'string' },
  model: { type: 'string' },
  fees: { type: 'string' },
  'per-thousand': { type: 'string' },
  minimum: { type: 'string' },
  currency: { type: 'string' },
  eligible: { type: 'string' },
  seed: { type: 'string' },
  simulations: { type: 'string' },
} as const;

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const cents = (v: string | undefined) => (v === undefined ? undefined : Math.round(Number(v) * 100));

function planRequest(values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values']) {
  if (!values.niche) throw new UsageError(`murmur plan: --niche NAME is required\n\n${planUsage}`);
  if ((values.budget === undefined) === (values.k === undefined))
    throw new UsageError(`murmur plan: give either --budget AMOUNT or --k N\n\n${planUsage}`);
  const model = values.model ?? 'wc';
  const uniform = /^uniform:(.+)$/.exec(model);
  if (!uniform && model !== 'wc' && model !== 'learned')
    throw new UsageError('murmur plan: --model is wc, uniform:P (such as uniform:0.05) or learned');
  const eligible = values.eligible ?? 'all';
  const community = /^community:(\d+)$/.exec(eligible);
  if (!community && eligible !== 'all' && eligible !== 'shortlist')
    throw new UsageError('murmur plan: --eligible is all, shortlist or community:N');
  if (values.fees && values.fees !== 'deals' && values.fees !== 'rate-card')
    throw new UsageError('murmur plan: --fees is rate-card or deals');
  return {
    goal:
      values.budget !== undefined
        ? { kind: 'budget', amountMinor: cents(values.budget) }
        : { kind: 'k', k: num(values.k) },
    currency: values.currency,
    fees:
      values.fees === 'deals'
        ? { source: 'deals' }
        : {
            source: 'rate_card',
            perThousandMinor: cents(values['per-thousand'] ?? '10'),
            minimumMinor: cents(values.minimum ?? '50'),
          },
    eligible: community
      ? { kind: 'community', community: Number(community[1]) }
      : { kind: eligible as 'all' | 'shortlist' },
    model: uniform ? { kind: 'uniform', p: Number(uniform[1]) } : { kind: model },
    epsilon: num(values.epsilon),
    simulations: num(values.simulations),
    seed: num(values.seed),
  };
}

export async function planCommand(args: string[], io: Io = {}) {
  const { values } = parseArgs({ args, options });
  const request = planRequest(values);
  const stdout = io.stdout ?? process.stdout;
  const database = io.database ?? (await openConfiguredDatabase(loadConfig()));
  try {
    const workspace = await workspaceOf(database, values.workspace);
    const niche = await nicheByName(database, workspace.id, values.niche!);
    if (!niche) throw new NicheError('niche_not_found', `No niche named "${values.niche}".`);
    const parsed = createPlanInput.safeParse({ ...request, nicheId: niche.id });
    if (!parsed.success)
      throw new UsageError(`murmur plan: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const stored = await storePlan(database.db, workspace.id, null, parsed.data);
    const line = progressLine(io.stderr ?? process.stderr);
    await runPlanNow(database.db, stored.id, {
      onProgress: (phase, f) => line.update(`Planning ${phase} ${bar(f)}`),
    });
    const plan = await getPlan(database.db, workspace.id, stored.id);
    if (plan.status !== 'done' || !plan.result)
      throw new PlanError('plan_failed', plan.error ?? 'Planning failed.');
    line.done(`Planned in ${(plan.result.ms / 1000).toFixed(1)} s.`);
    stdout.write(formatPlan(niche.name, plan.inputs.currency, plan.seed, plan.result));
    return 0;
  } finally {
    if (!io.database) await database.close();
  }
}

const whole = (v: number) => Math.round(v).toLocaleString('en');
const money = (minor: number | null, currency: string) =>
  minor === null
    ? '—'
    : `${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
const estimate = (e: PlanEstimate) =>
  `${e.mean.toFixed(1)} accounts (95% CI ${e.low.toFixed(1)}–${e.high.toFixed(1)}, ${e.runs} simulations)`;
const strategy = (label: string, s: PlanStrategy, currency: string) =>
  `${label.padEnd(20)} ${estimate(s.spread)} for ${money(s.costMinor, currency)}, ${s.picks.length} accounts\n`;

export function formatPlan(niche: string, currency: string, seed: number, result: PlanResult) {
  const lines = [`Seeding plan for "${niche}": ${result.model.label} (seed ${seed})\n`];
  lines.push(
    `${'#'.padStart(3)}  ${'account'.padEnd(28)} ${'followers'.padStart(10)} ${'fee'.padStart(16)} ${'gain'.padStart(8)}\n`,
  );
  result.plan.picks.forEach((p, i) => {
    const name = `@${p.handle.replace(/^@/, '')}${p.fixed ? ' (signed)' : ''}`;
    lines.push(
      `${String(i + 1).padStart(3)}  ${name.slice(0, 28).padEnd(28)} ${(p.followers === null ? '—' : whole(p.followers)).padStart(10)} ${money(p.feeMinor, currency).padStart(16)} ${(p.marginalGain === null ? '—' : p.marginalGain.toFixed(1)).padStart(8)}\n`,
    );
  });
  lines.push(strategy('This plan:', result.plan, currency));
  lines.push(strategy('Top by followers:', result.byFollowers, currency));
  lines.push(
    result.byScore
      ? strategy('Top by Murmur score:', result.byScore, currency)
      : 'Top by Murmur score: the niche has not been scored yet.\n',
  );
  lines.push(`Guarantee: ${result.guarantee.sentence}\n`);
  return lines.join('');
}
