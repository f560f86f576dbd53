/**
 * The crawl's plan, one phase after another, each adding tasks to the frontier:
 *   seeds     resolve seed handles, search keywords, fetch the seeds' followers (the audience)
 *   follows   a sample of the audience: whom do they follow?
 *   profiles  full profiles of the candidates many audience members follow (batched)
 *   posts     recent posts of the top candidates, for engagement
 * Sizes follow the remaining budget, so a small budget gives a small but complete crawl.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CrawlRun, crawlRuns } from '../db/schema/index.ts';
import { rows } from '../niches/niche-store.ts';

export const phases = ['seeds', 'follows', 'profiles', 'posts', 'finished'] as const;

/** Share of the account budget the audience may take, leaving room for the accounts it follows. */
export const audienceShare = 0.5;

/** Adds the next phase's tasks; returns false when there is no phase left. */
export async function advancePhase(
  db: Db,
  run: CrawlRun,
  platform: 'bluesky' | 'mastodon',
): Promise<boolean> {
  // Bluesky returns 25 profiles a request; Mastodon one, so a batch there is one account.
  const profilesBatch = platform === 'bluesky' ? 25 : 1;
  const remaining = Math.max(0, run.budget.maxRequests - run.requests);
  const next = phases[phases.indexOf(run.phase as (typeof phases)[number]) + 1] ?? 'finished';
  if (next === 'finished' || remaining === 0) return false;
  await db.transaction(async (tx) => {
    if (next === 'follows') {
      // A seeded sample of the audience: md5 of id and run gives a stable random order.
      const sample = Math.max(1, Math.floor(remaining * 0.5));
      await rows(
        tx,
        sql`insert into crawl_tasks (run_id, kind, account_id, priority)
            select ${run.id}::uuid, 'follows', id, 2 from niche_accounts
            where niche_id = ${run.nicheId} and is_audience and not hidden_collections
            order by md5(id::text || ${run.id}) limit ${sample}
            on conflict do nothing`,
      );
    } else if (next === 'profiles') {
      const candidates = await rankedCandidates(
        tx,
        run,
        Math.max(1, Math.floor(remaining * 0.6)) * profilesBatch,
        true,
      );
      for (let i = 0; i < candidates.length; i += profilesBatch) {
        const batch = candidates.slice(i, i + profilesBatch);
        await rows(
          tx,
          sql`insert into crawl_tasks (run_id, kind, arg, priority)
              values (${run.id}::uuid, 'profiles', ${JSON.stringify(batch)}, 3) on conflict do nothing`,
        );
      }
    } else if (next === 'posts') {
      const top = await rankedCandidates(tx, run, Math.min(remaining, 500), false);
      for (const id of top) {
        await rows(
          tx,
          sql`insert into crawl_tasks (run_id, kind, account_id, priority) values (${run.id}::uuid, 'posts', ${id}, 4)
              on conflict do nothing`,
        );
      }
    }
    await tx.update(crawlRuns).set({ phase: next }).where(eq(crawlRuns.id, run.id));
  });
  return true;
}

/**
 * The seeds first (every seed gets its profile and posts, however few audience members follow
 * it, and even when it follows another seed and so is in the audience), then accounts outside
 * the audience ranked by how many audience members follow them (ties by id), keeping those
 * followed by at least two, or the best few when none are.
 */
async function rankedCandidates(
  db: Db,
  run: CrawlRun,
  limit: number,
  needingProfile: boolean,
): Promise<number[]> {
  if (limit <= 0) return [];
  const seeds = await rows<{ id: string | number }>(
    db,
    sql`select id from niche_accounts
        where niche_id = ${run.nicheId} and is_seed ${needingProfile ? sql`and not profile_fetched` : sql``}
        order by id limit ${limit}`,
  );
  const found = await rows<{ id: string | number; n: number }>(
    db,
    sql`select a.id, count(*)::int as n
        from niche_edges e
        join niche_accounts f on f.id = e.follower_id and f.is_audience
        join niche_accounts a on a.id = e.followed_id
        where e.niche_id = ${run.nicheId} and not a.is_audience and not a.is_seed
          ${needingProfile ? sql`and not a.profile_fetched` : sql``}
        group by a.id
        order by count(*) desc, a.id
        limit ${limit}`,
  );
  const popular = found.filter((c) => c.n >= 2);
  return [...seeds, ...(popular.length > 0 ? popular : found.slice(0, 50))]
    .slice(0, limit)
    .map((c) => Number(c.id));
}
