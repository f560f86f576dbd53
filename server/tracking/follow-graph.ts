/**
 * The follow edges a campaign's cascades are reconstructed from: the workspace's crawled niches
 * where they cover an account (its follows, and a seed's followers), and follows fetched for
 * tracking otherwise. Returns plain maps for graph/cascade.
 */
import { sql } from 'drizzle-orm';
import type { PostPlatform } from '../adapters/platforms/post-types.ts';
import type { Db } from '../db/client.ts';
import { arrayParam, rows } from '../niches/niche-store.ts';

export type FollowGraph = {
  /** Whom an account follows, when known. */
  following: Map<string, Set<string>>;
  /** Complete follower lists (niche seeds), for exact earned reach. */
  followers: Map<string, Set<string>>;
};

/** Accounts whose follows a niche of the workspace holds (they follow someone in it). */
export async function nicheCovered(db: Db, workspaceId: string, platform: PostPlatform, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const found = await rows<{ id: string }>(
    db,
    sql`select distinct a.platform_id as id from niche_accounts a join niches n on n.id = a.niche_id
        where n.workspace_id = ${workspaceId} and n.platform = ${platform}
          and a.platform_id = any(${arrayParam(ids)}::text[])
          and exists (select 1 from niche_edges e where e.niche_id = a.niche_id and e.follower_id = a.id)`,
  );
  return new Set(found.map((f) => f.id));
}

export async function followGraph(
  db: Db,
  workspaceId: string,
  platform: PostPlatform,
  ids: string[],
): Promise<FollowGraph> {
  const following = new Map<string, Set<string>>();
  const followers = new Map<string, Set<string>>();
  if (ids.length === 0) return { following, followers };
  const idList = arrayParam(ids);
  const crawled = await rows<{ follower: string; followed: string }>(
    db,
    sql`select f.platform_id as follower, t.platform_id as followed
        from niche_accounts f join niches n on n.id = f.niche_id
        join niche_edges e on e.niche_id = f.niche_id and e.follower_id = f.id
        join niche_accounts t on t.id = e.followed_id
        where n.workspace_id = ${workspaceId} and n.platform = ${platform}
          and f.platform_id = any(${idList}::text[])`,
  );
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    set.add(value);
  };
  for (const e of crawled) add(following, e.follower, e.followed);
  const seeds = await rows<{ followed: string; follower: string }>(
    db,
    sql`select t.platform_id as followed, f.platform_id as follower
        from niche_accounts t join niches n on n.id = t.niche_id
        join niche_edges e on e.niche_id = t.niche_id and e.followed_id = t.id
        join niche_accounts f on f.id = e.follower_id
        where n.workspace_id = ${workspaceId} and n.platform = ${platform} and t.is_seed
          and t.platform_id = any(${idList}::text[])`,
  );
  for (const e of seeds) add(followers, e.followed, e.follower);
  const fetched = await rows<{ account_id: string; follows: string[] }>(
    db,
    sql`select account_id, follows from fetched_follows
        where workspace_id = ${workspaceId} and platform = ${platform} and account_id = any(${idList}::text[])`,
  );
  for (const f of fetched) for (const followed of f.follows) add(following, f.account_id, followed);
  for (const f of fetched) if (!following.has(f.account_id)) following.set(f.account_id, new Set());
  return { following, followers };
}
