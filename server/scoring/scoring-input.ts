/** Reads a niche from the database into the typed arrays the graph engine takes. */
import { sql } from 'drizzle-orm';
import type { NicheInput } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { rows } from '../niches/niche-store.ts';

/** audience-quality reads any value other than 0 and 1 as unknown. */
const UNKNOWN_FLAG = 2;

export type LoadedGraph = { input: NicheInput; accountIds: Float64Array };

export async function loadScoringInput(db: Db, nicheId: string, now: Date): Promise<LoadedGraph> {
  const accounts = await rows<{
    id: string | number;
    followers_count: number | null;
    follows_count: number | null;
    posts_count: number | null;
    age_days: number | null;
    has_avatar: boolean | null;
    has_bio: boolean | null;
    is_audience: boolean;
  }>(
    db,
    sql`select id, followers_count, follows_count, posts_count,
          extract(epoch from (${now.toISOString()}::timestamptz - account_created_at)) / 86400 as age_days,
          case when profile_fetched then avatar_url is not null end as has_avatar,
          case when profile_fetched then coalesce(description, '') <> '' end as has_bio, is_audience
        from niche_accounts where niche_id = ${nicheId} order by id`,
  );
  const n = accounts.length;
  const index = new Map<number, number>();
  const accountIds = new Float64Array(n);
  const platformFollowers = new Float64Array(n);
  const profile = {
    postsCount: new Float64Array(n),
    followsCount: new Float64Array(n),
    followersCount: new Float64Array(n),
    accountAgeDays: new Float64Array(n),
    hasAvatar: new Uint8Array(n),
    hasBio: new Uint8Array(n),
  };
  const audience = new Uint8Array(n);
  let audienceSize = 0;
  const flag = (v: boolean | null) => (v === null ? UNKNOWN_FLAG : v ? 1 : 0);
  const num = (v: number | string | null) => (v === null || v === undefined ? Number.NaN : Number(v));
  accounts.forEach((a, i) => {
    index.set(Number(a.id), i);
    accountIds[i] = Number(a.id);
    platformFollowers[i] = num(a.followers_count);
    profile.followersCount[i] = num(a.followers_count);
    profile.followsCount[i] = num(a.follows_count);
    profile.postsCount[i] = num(a.posts_count);
    profile.accountAgeDays[i] = num(a.age_days);
    // Without a fetched profile (imports) a missing avatar or bio is unknown, not a red flag.
    profile.hasAvatar[i] = flag(a.has_avatar);
    profile.hasBio[i] = flag(a.has_bio);
    audience[i] = a.is_audience ? 1 : 0;
    audienceSize += audience[i];
  });
  const edges = await rows<{ f: string | number; t: string | number }>(
    db,
    sql`select follower_id as f, followed_id as t from niche_edges where niche_id = ${nicheId}`,
  );
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  let m = 0;
  for (const e of edges) {
    const s = index.get(Number(e.f));
    const t = index.get(Number(e.t));
    if (s === undefined || t === undefined) continue;
    sources[m] = s;
    targets[m] = t;
    m++;
  }
  return {
    accountIds,
    input: {
      nodeCount: n,
      sources: sources.subarray(0, m).slice(),
      targets: targets.subarray(0, m).slice(),
      platformFollowers,
      profile,
      // Without a crawled audience (imports), the whole graph is the audience.
      audience: audienceSize > 0 ? audience : undefined,
    },
  };
}
