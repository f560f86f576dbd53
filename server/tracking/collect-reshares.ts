/**
 * The reshares of a post that Murmur has not stored yet: reposts (newest first, paging stops at
 * the first page with nothing new), quotes and direct replies, each with its time (the platform's
 * when it says, else when Murmur first saw it, keeping the platform's newest-first order) and,
 * on Bluesky, the repost it came through (`via`). New resharers get their follower counts.
 */
import type { PostConnector, PostRef, Reshare } from '../adapters/platforms/post-types.ts';
import type { Account, Page } from '../adapters/platforms/types.ts';
import type { TrackingRuntime } from './tracking-runtime.ts';

const MAX_PAGES = 10;
/** Repost records read per poll for time and `via`; the rest wait for the next poll. */
const DETAILS_PER_POLL = 100;
const PROFILES_PER_POLL = 200;

export type NewResharer = {
  accountId: string;
  kind: Reshare['kind'];
  handle: string;
  at: Date;
  atFromPlatform: boolean;
  viaAccountId: string | null;
  followersCount: number | null;
  seenOrder: number;
};

async function fresh(
  list: (cursor?: string) => Promise<Page<Reshare>>,
  seen: Set<string>,
): Promise<Reshare[]> {
  const out: Reshare[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await list(cursor);
    const added = page.items.filter((r) => !seen.has(`${r.kind}:${r.account.id}`));
    out.push(...added);
    if (added.length === 0 || !page.next) break;
    cursor = page.next;
  }
  return out;
}

export async function collectReshares(
  runtime: TrackingRuntime,
  ref: PostRef,
  seen: Set<string>,
  now: Date,
): Promise<NewResharer[]> {
  const posts: PostConnector = runtime.posts(ref.platform);
  const reposts = await fresh((c) => posts.reposts(ref, c), seen);
  const quotes = await fresh((c) => posts.quotes(ref, c), seen);
  const replies = (await posts.replies(ref)).filter((r) => !seen.has(`reply:${r.account.id}`));
  const all: Reshare[] = [];
  const once = new Set<string>();
  for (const r of [...reposts, ...quotes, ...replies]) {
    const key = `${r.kind}:${r.account.id}`;
    if (!once.has(key)) all.push(r);
    once.add(key);
  }
  if (posts.repostDetails) {
    let budget = DETAILS_PER_POLL;
    for (const r of all) {
      if (r.kind !== 'repost' || budget-- <= 0) continue;
      Object.assign(r, await posts.repostDetails(ref, r.account));
    }
  }
  const counts = new Map<string, number | undefined>();
  const need = [...new Map(all.map((r) => [r.account.id, r.account])).values()].slice(0, PROFILES_PER_POLL);
  const profiles: Account[] = need.length ? await runtime.accounts(ref.platform).profiles(need) : [];
  for (const p of profiles) counts.set(p.id, p.followersCount);

  // Lists come newest first: an item later in its list happened earlier.
  return all.map((r, order) => ({
    accountId: r.account.id,
    kind: r.kind,
    handle: r.account.handle,
    at: r.at ? new Date(r.at) : new Date(now.getTime() - order),
    atFromPlatform: !!r.at,
    viaAccountId: r.viaAccountId ?? null,
    followersCount: counts.get(r.account.id) ?? r.account.followersCount ?? null,
    seenOrder: order,
  }));
}
