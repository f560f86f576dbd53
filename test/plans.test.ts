/**
 * Issue 13: a marketer plans which accounts of a niche to pay for, in the background, compares
 * the plan with the simple rankings, and turns it into deals; another workspace sees none of it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans, workspaces } from '../server/db/schema/index.ts';
import { seedScoredNiche } from '../server/leaderboard/leaderboard.seed.ts';
import { recoverPlans } from '../server/plans/plans.recover.ts';
import { storePlan } from '../server/plans/plans.service.ts';
import { trpcCall } from './support/app.ts';
import { type Api, callerFor, failure, type RouterInputs } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

type PlanRequest = RouterInputs['plans']['create'];

describe.each(testDatabaseKinds)('seeding plans on %s', (kind) => {
  let world: World;
  let member: Api;
  let viewer: Api;
  let outsider: Api;
  let nicheId: string;
  let workspaceId: string;
  const rateCard = { source: 'rate_card', perThousandMinor: 1000, minimumMinor: 5000 } as const;
  const request = (extra: Partial<PlanRequest> = {}): PlanRequest => ({
    nicheId,
    goal: { kind: 'budget', amountMinor: 200_000 },
    fees: rateCard,
    simulations: 200,
    seed: 7,
    ...extra,
  });

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'plans' });
    const api = (who: World['member']) => callerFor(world.database, who, { queue: world.queue });
    member = api(world.member);
    viewer = api(world.viewer);
    outsider = api(world.outsider);
    const [agency] = await world.database.db.select().from(workspaces).where(eq(workspaces.name, 'Agency'));
    workspaceId = agency.id;
    ({ nicheId } = await seedScoredNiche(world.database.db, {
      workspaceId,
      communitySize: 12,
      platform: 'mastodon',
    }));
  });
  afterAll(() => world?.close());

  const finished = async (id: string) => {
    await expect
      .poll(async () => (await member.plans.byId({ id })).status, { timeout: 60_000, interval: 200 })
      .toMatch(/done|failed/);
    return member.plans.byId({ id });
  };

  it('plans a budget in the background and compares it with the top accounts by followers and by score', {
    timeout: 90_000,
  }, async () => {
    const created = await member.plans.create(request());
    expect(created.status).toBe('queued');
    const plan = await finished(created.id);
    expect(plan.error).toBeNull();
    expect(plan.progress).toEqual({ phase: 'done', fraction: 1 });
    const result = plan.result!;
    expect(result.model.kind).toBe('wc');
    expect(result.plan.picks.length).toBeGreaterThan(0);
    expect(result.plan.costMinor).toBeLessThanOrEqual(200_000);
    for (const pick of result.plan.picks) {
      expect(pick.feeMinor).toBeGreaterThanOrEqual(5000);
      expect(pick.marginalGain).toBeGreaterThan(0);
    }
    for (const strategy of [result.plan, result.byFollowers, result.byScore!]) {
      expect(strategy.costMinor).toBeLessThanOrEqual(200_000);
      expect(strategy.spread.low).toBeLessThanOrEqual(strategy.spread.mean);
      expect(strategy.spread.high).toBeGreaterThanOrEqual(strategy.spread.mean);
      expect(strategy.spread.runs).toBe(200);
    }
    // The planner does no worse than the ranking by followers, within the simulations' noise.
    expect(result.plan.spread.high).toBeGreaterThanOrEqual(result.byFollowers.spread.low);
    expect(result.guarantee.sentence.length).toBeGreaterThan(20);
    expect(result.curve.map((c) => c.budget)).toEqual([50_000, 100_000, 150_000, 200_000, 300_000, 400_000]);

    const listed = await viewer.plans.list({ nicheId });
    expect(listed.plans[0]).toMatchObject({ id: plan.id, status: 'done', model: 'wc' });
    expect(listed.plans[0].outcome?.accounts).toBe(result.plan.picks.length);
    expect(listed.learned.available).toBe(false);
  });

  it('re-plans for k accounts keeping the ones already signed', { timeout: 60_000 }, async () => {
    const first = (await finished((await member.plans.create(request({ goal: { kind: 'k', k: 3 } }))).id))
      .result!;
    expect(first.plan.picks).toHaveLength(3);
    const signed = first.byFollowers.picks.at(-1)!.accountId;
    const again = await finished(
      (await member.plans.create(request({ goal: { kind: 'k', k: 3 }, fixed: [signed] }))).id,
    );
    expect(again.result!.plan.picks).toHaveLength(3);
    expect(again.result!.plan.picks[0]).toMatchObject({ accountId: signed, fixed: true });
  });

  it('refuses plans that cannot be made, saying why', async () => {
    const refused = async (extra: Partial<PlanRequest>) => failure(member.plans.create(request(extra)));
    const negative = await refused({ goal: { kind: 'budget', amountMinor: -100 } });
    expect(negative).toMatchObject({
      status: 400,
      message: expect.stringMatching(/budget must be more than zero/),
    });
    const nobody = await refused({ eligible: { kind: 'shortlist' } });
    expect(nobody).toMatchObject({
      status: 400,
      message: expect.stringMatching(/No account on the shortlist can be planned/),
    });
    const poor = await refused({ goal: { kind: 'budget', amountMinor: 100 } });
    expect(poor.message).toMatch(
      /budget of 1\.00 EUR is below every eligible account's fee \(the cheapest is 50\.00 EUR\)/,
    );
    const learned = await refused({ model: { kind: 'learned' } });
    expect(learned).toMatchObject({ status: 412, message: expect.stringMatching(/No measured campaigns/) });
    expect((await refused({ model: { kind: 'uniform', p: 2 } })).status).toBe(400);
    expect((await refused({ fixed: [987654321] })).status).toBe(404);
  });

  it('turns a plan into first-stage deals with its fees, once, asking before going over budget', {
    timeout: 60_000,
  }, async () => {
    const plan = await finished((await member.plans.create(request({ goal: { kind: 'k', k: 3 } }))).id);
    const campaign = await member.campaigns.create({ name: 'Launch', budgetMinor: 1000, currency: 'EUR' });
    const over = await failure(member.plans.toDeals({ id: plan.id, campaignId: campaign.id }));
    expect(over).toMatchObject({
      status: 412,
      message: expect.stringMatching(/over\)\. Confirm to go ahead/),
    });
    const made = await member.plans.toDeals({ id: plan.id, campaignId: campaign.id, acceptOverBudget: true });
    expect(made.added).toBe(3);
    const again = await member.plans.toDeals({ id: plan.id, campaignId: campaign.id });
    expect(again).toMatchObject({ added: 0, feesMinor: 0 });
    expect(again.skipped.map((s) => s.reason)).toEqual([
      'already_in_campaign',
      'already_in_campaign',
      'already_in_campaign',
    ]);
    const board = await member.deals.board({ campaignId: campaign.id });
    expect(board.cards).toHaveLength(3);
    expect(board.cards.every((c) => c.stageId === board.stages[0].id)).toBe(true);
    expect(board.cards.map((c) => c.feeMinor).sort()).toEqual(
      plan.result!.plan.picks.map((p) => p.feeMinor).sort(),
    );

    // Those fees are now agreed on deals: a plan may use them, and never a do-not-contact contact.
    const [dropped] = (await member.contacts.list({ search: plan.result!.plan.picks[0].handle })).items;
    await member.contacts.update({ id: dropped.id, doNotContact: true });
    const fromDeals = await finished(
      (
        await member.plans.create(
          request({ goal: { kind: 'budget', amountMinor: 1_000_000 }, fees: { source: 'deals' } }),
        )
      ).id,
    );
    expect(fromDeals.result!.eligibleCount).toBe(2);
    expect(fromDeals.result!.excluded.doNotContact).toBe(1);
    expect(fromDeals.result!.plan.picks.map((p) => p.handle)).not.toContain(
      plan.result!.plan.picks[0].handle,
    );
  });

  it('keeps plans to their workspace and answers API keys', async () => {
    const [plan] = (await member.plans.list({ nicheId })).plans;
    expect((await failure(outsider.plans.byId({ id: plan.id }))).status).toBe(404);
    expect((await failure(outsider.plans.list({ nicheId }))).status).toBe(404);
    const campaign = await outsider.campaigns.create({ name: 'Theirs' });
    expect((await failure(outsider.plans.toDeals({ id: plan.id, campaignId: campaign.id }))).status).toBe(
      404,
    );
    expect((await failure(viewer.plans.create(request()))).status).toBe(403);
    const { secret } = await member.apiKeys.create({ name: 'planner', role: 'member' });
    const viaKey = await trpcCall(world.app, { bearer: secret }, 'plans.byId', { id: plan.id }, 'query');
    expect(viaKey.status).toBe(200);
  });

  it('resumes a plan whose worker died, and fails one that keeps dying instead of leaving it running', {
    timeout: 60_000,
  }, async () => {
    const { db } = world.database;
    const input = {
      ...request({ goal: { kind: 'k', k: 2 } }),
      fees: rateCard,
      currency: 'EUR',
      eligible: { kind: 'all' as const },
      fixed: [],
      model: { kind: 'wc' as const },
      epsilon: 0.1,
      simulations: 100,
    };
    const crashed = await storePlan(db, workspaceId, null, input);
    const dying = await storePlan(db, workspaceId, null, input);
    await db.update(plans).set({ status: 'running', attempts: 1 }).where(eq(plans.id, crashed.id));
    await db.update(plans).set({ status: 'running', attempts: 3 }).where(eq(plans.id, dying.id));
    if (kind === 'postgres') await db.update(plans).set({ updatedAt: new Date(Date.now() - 3_600_000) });
    expect((await recoverPlans(world.database, world.queue)).resumed).toBeGreaterThanOrEqual(2);
    expect((await finished(crashed.id)).status).toBe('done');
    const gaveUp = await finished(dying.id);
    expect(gaveUp).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/after 3 interrupted attempts/),
    });
  });
});
