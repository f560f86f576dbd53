/**
 * Card ranks. `deals.position` is a sparse rank (steps of RANK_STEP) that orders a column;
 * the API speaks in indexes (0..n-1), computed when reading. Moves, adds and stage removal all
 * place cards through here, so the spacing rule lives in one file.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deals } from '../db/schema/index.ts';
import { uuidArray } from '../db/sql.ts';

/** Card ranks are this far apart when appended, leaving room to drop cards in between. */
export const RANK_STEP = 1024;

const others = (except: string[]) =>
  except.length ? sql`${deals.id} <> all(${uuidArray(except)}::uuid[])` : undefined;

/** Rank for a card going to `index` among the column's other cards (`except` left out). */
export async function rankAt(tx: Db, campaignId: string, stageId: string, index: number, except: string[]) {
  const neighbours = () =>
    tx
      .select({ position: deals.position })
      .from(deals)
      .where(and(eq(deals.campaignId, campaignId), eq(deals.stageId, stageId), others(except)))
      .orderBy(asc(deals.position))
      .limit(index === 0 ? 1 : 2)
      .offset(Math.max(index - 1, 0));
  // undefined: past the end, append; null: the neighbours are adjacent, spread the column.
  const between = (r: { position: number }[]) => {
    if (index === 0) return r.length ? r[0].position - RANK_STEP : 0;
    if (r.length === 0) return undefined;
    if (r.length === 1) return r[0].position + RANK_STEP;
    return r[1].position - r[0].position >= 2 ? Math.floor((r[0].position + r[1].position) / 2) : null;
  };
  let rank = between(await neighbours());
  if (rank === undefined) return appendRank(tx, campaignId, stageId, except);
  if (rank === null) {
    await spread(tx, campaignId, stageId);
    rank = between(await neighbours()) ?? (await appendRank(tx, campaignId, stageId, except));
  }
  return rank;
}

/** The rank after the column's last card. */
export async function appendRank(tx: Db, campaignId: string, stageId: string, except: string[] = []) {
  const [row] = await tx
    .select({ last: sql<number | null>`max(${deals.position})` })
    .from(deals)
    .where(and(eq(deals.campaignId, campaignId), eq(deals.stageId, stageId), others(except)));
  return row.last === null ? 0 : Number(row.last) + RANK_STEP;
}

/** Re-spaces a column's ranks RANK_STEP apart in order; one statement, so the constraint holds at its end. */
async function spread(tx: Db, campaignId: string, stageId: string) {
  await tx.execute(sql`
    update ${deals} d set position = o.rn * ${RANK_STEP}
    from (select id, (row_number() over (order by position, id))::int as rn from ${deals}
          where campaign_id = ${campaignId} and stage_id = ${stageId}) o
    where d.id = o.id`);
}

/**
 * Moves every deal of a stage to another stage (a stage being removed): each campaign's cards
 * are appended after that campaign's cards already in the target column, keeping their order.
 */
export async function moveColumn(
  tx: Db,
  workspaceId: string,
  fromStageId: string,
  toStageId: string,
  now: Date,
) {
  await tx.execute(sql`
    update ${deals} d set
      stage_id = ${toStageId},
      stage_entered_at = ${now.toISOString()}::timestamptz,
      version = d.version + 1,
      position = m.next_position
    from (
      select x.id,
        coalesce((select max(t.position) + ${RANK_STEP} from ${deals} t
                  where t.campaign_id = x.campaign_id and t.stage_id = ${toStageId}), 0)
          + (row_number() over (partition by x.campaign_id order by x.position, x.id) - 1)::int * ${RANK_STEP}
          as next_position
      from ${deals} x
      where x.workspace_id = ${workspaceId} and x.stage_id = ${fromStageId}
    ) m
    where d.id = m.id`);
}
