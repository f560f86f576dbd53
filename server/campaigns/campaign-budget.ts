/**
 * Money and goals of a campaign. Committed = fees of deals in committed stages (Agreed, Content
 * live) or won ones (Paid); paid = fees in won stages. Fees in another currency than the
 * campaign's are not converted: they are counted apart so the total never silently mixes them.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf, uuidArray } from '../db/sql.ts';
import { CampaignError } from './campaigns.errors.ts';

export type BudgetSummary = {
  deals: number;
  committedMinor: number;
  paidMinor: number;
  otherCurrencyDeals: number;
  livePosts: number;
  plannedPosts: number;
};

const empty: BudgetSummary = {
  deals: 0,
  committedMinor: 0,
  paidMinor: 0,
  otherCurrencyDeals: 0,
  livePosts: 0,
  plannedPosts: 0,
};

export async function budgetSummaries(db: Db, workspaceId: string, campaignIds: string[]) {
  const result = new Map<string, BudgetSummary>(campaignIds.map((id) => [id, { ...empty }]));
  if (campaignIds.length === 0) return result;
  const rows = (await db.execute(sql`
    select d.campaign_id,
      count(*)::int as deals,
      coalesce(sum(d.fee_minor) filter (where (s.committed or s.kind = 'won') and d.currency = c.currency), 0)::float8 as committed,
      coalesce(sum(d.fee_minor) filter (where s.kind = 'won' and d.currency = c.currency), 0)::float8 as paid,
      (count(*) filter (where d.fee_minor is not null and d.currency <> c.currency))::int as other_currency,
      coalesce(sum(x.live), 0)::int as live_posts,
      coalesce(sum(x.planned), 0)::int as planned_posts
    from deals d
    join stages s on s.id = d.stage_id
    join campaigns c on c.id = d.campaign_id
    left join lateral (
      select count(*) filter (where e->>'status' = 'live') as live,
        count(*) filter (where e->>'status' <> 'cancelled') as planned
      from jsonb_array_elements(d.deliverables) e
      where d.deliverables <> '[]'::jsonb
    ) x on true
    where d.workspace_id = ${workspaceId} and d.campaign_id = any(${uuidArray(campaignIds)}::uuid[])
    group by d.campaign_id`)) as unknown as Row[] | { rows: Row[] };
  for (const r of rowsOf(rows)) {
    result.set(r.campaign_id, {
      deals: Number(r.deals),
      committedMinor: Number(r.committed),
      paidMinor: Number(r.paid),
      otherCurrencyDeals: Number(r.other_currency),
      livePosts: Number(r.live_posts),
      plannedPosts: Number(r.planned_posts),
    });
  }
  return result;
}

type Row = {
  campaign_id: string;
  deals: number;
  committed: number;
  paid: number;
  other_currency: number;
  live_posts: number;
  planned_posts: number;
};

/** Fee counted against the budget: only committed or won stages, only in the campaign currency. */
export function contribution(
  deal: { feeMinor: number | null; currency: string },
  stage: { committed: boolean; kind: string },
  campaignCurrency: string,
) {
  if (!(stage.committed || stage.kind === 'won') || deal.currency !== campaignCurrency) return 0;
  return deal.feeMinor ?? 0;
}

/**
 * Refuses a change that would take committed spend over the budget unless the person has
 * seen the warning and confirmed (`acceptOverBudget`). Call inside the changing transaction,
 * after the campaign row is locked.
 */
export async function assertWithinBudget(
  db: Db,
  workspaceId: string,
  campaign: { id: string; budgetMinor: number; currency: string },
  change: { addMinor: number },
  acceptOverBudget: boolean,
) {
  if (acceptOverBudget || campaign.budgetMinor <= 0 || change.addMinor <= 0) return;
  const [row] = rowsOf(
    (await db.execute(sql`
      select coalesce(sum(d.fee_minor), 0)::float8 as committed
      from deals d join stages s on s.id = d.stage_id
      where d.workspace_id = ${workspaceId} and d.campaign_id = ${campaign.id}
        and (s.committed or s.kind = 'won') and d.currency = ${campaign.currency}`)) as unknown as
      | { committed: number }[]
      | { rows: { committed: number }[] },
  );
  const projected = Number(row.committed) + change.addMinor;
  if (projected > campaign.budgetMinor) {
    const money = (minor: number) =>
      `${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${campaign.currency}`;
    throw new CampaignError(
      'over_budget',
      `This would commit ${money(projected)} against a budget of ${money(campaign.budgetMinor)} (${money(projected - campaign.budgetMinor)} over). Confirm to go ahead.`,
    );
  }
}
