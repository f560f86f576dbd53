/**
 * One account in a niche: profile, score, why it scores that (from the stored percentiles
 * and weights, with graph/influence/explain's semantics), lookalikes, audience overlap with
 * the shortlist and its rank across snapshots.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audienceOverlap, lookalikes, seededRng } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { nicheAccounts, nicheScores, scoreSnapshots, shortlist } from '../db/schema/index.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { loadFollowGraph, type NicheGraph } from './leaderboard.csr.ts';
import { LeaderboardError } from './leaderboard.errors.ts';
import type { AccountInput } from './leaderboard.schemas.ts';
import { resolveSnapshot, type SnapshotInfo } from './leaderboard.service.ts';

/** Shortlists larger than this are compared by their first accounts only. */
const MAX_OVERLAP_ACCOUNTS = 50;

type ScoreRow = typeof nicheScores.$inferSelect;

const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Contributions add up to the score: weights are renormalized over the components with
 * a positive weight and a known percentile, exactly as compositeScore does.
 */
export function explainScore(snapshot: SnapshotInfo, score: ScoreRow, raw: Record<string, number | null>) {
  const percentiles = score.percentiles as (number | null)[];
  let total = 0;
  snapshot.components.forEach((c, i) => {
    if ((snapshot.weights[c] ?? 0) > 0 && known(percentiles[i])) total += snapshot.weights[c];
  });
  return snapshot.components.map((component, i) => {
    const percentile = known(percentiles[i]) ? percentiles[i] : null;
    const weight = percentile !== null && total > 0 ? (snapshot.weights[component] ?? 0) / total : 0;
    const value = raw[component];
    return {
      component,
      raw: known(value) ? value : null,
      percentile,
      weight,
      contribution: percentile !== null ? 100 * weight * percentile : 0,
      /** Why the component was left out of this niche's score, or null when it counts. */
      excluded: snapshot.excluded[component] ?? null,
    };
  });
}

export async function accountDetails(db: Db, workspaceId: string, input: AccountInput) {
  const niche = await requireNiche(db, workspaceId, input.nicheId);
  const [profile] = await db
    .select({
      accountId: nicheAccounts.id,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      description: nicheAccounts.description,
      avatarUrl: nicheAccounts.avatarUrl,
      url: nicheAccounts.url,
      followers: nicheAccounts.followersCount,
      follows: nicheAccounts.followsCount,
      posts: nicheAccounts.postsCount,
      isSeed: nicheAccounts.isSeed,
      isAudience: nicheAccounts.isAudience,
      hiddenCollections: nicheAccounts.hiddenCollections,
      engagementRate: nicheAccounts.engagementRate,
      /** The imported file's own columns (views, partner, language…), as read. */
      attributes: nicheAccounts.attributes,
    })
    .from(nicheAccounts)
    .where(and(eq(nicheAccounts.id, input.accountId), eq(nicheAccounts.nicheId, niche.id)));
  if (!profile) throw new LeaderboardError('account_not_found', 'No such account in this niche.');
  const snapshot = await resolveSnapshot(db, niche.id, input.snapshotId);
  const [score] = snapshot
    ? await db
        .select()
        .from(nicheScores)
        .where(and(eq(nicheScores.snapshotId, snapshot.id), eq(nicheScores.accountId, profile.accountId)))
    : [];
  const [entry] = await db
    .select({ contactId: shortlist.contactId })
    .from(shortlist)
    .where(and(eq(shortlist.nicheId, niche.id), eq(shortlist.accountId, profile.accountId)));
  const graph = await loadFollowGraph(db, niche.id);
  const node = graph?.indexOf.get(profile.accountId);
  const raw: Record<string, number | null> = score
    ? {
        inDegree: score.inDegree,
        platformFollowers: profile.followers,
        reach: score.reach,
        pagerank: score.pagerank,
        authorities: score.authority,
        hubs: score.hub,
        betweenness: score.betweenness,
        coreness: score.coreness,
        nicheAffinity: score.nicheAffinity,
        audienceQuality: score.audienceQuality,
        nicheFollowers: score.nicheFollowers,
      }
    : {};
  return {
    profile: {
      ...profile,
      url: profile.url ?? profileUrl(niche.platform, profile.handle),
      platform: niche.platform,
    },
    shortlisted: !!entry,
    contactId: entry?.contactId ?? null,
    snapshot: snapshot && { id: snapshot.id, createdAt: snapshot.createdAt },
    score: score ? { ...score, percentiles: undefined } : null,
    explanation: snapshot && score ? explainScore(snapshot, score, raw) : [],
    graphAvailable: !!graph,
    lookalikes: graph && node !== undefined ? await similarAccounts(db, graph, node, snapshot) : [],
    overlap: graph ? await shortlistOverlap(db, niche.id, graph, profile.accountId) : null,
    history: await rankHistory(db, niche.id, profile.accountId),
  };
}

/** Where the account lives on its platform, when the crawl did not record it. */
export function profileUrl(platform: string, handle: string): string | null {
  if (platform === 'bluesky') return `https://bsky.app/profile/${encodeURIComponent(handle)}`;
  if (platform === 'mastodon') {
    const [user, host] = handle.replace(/^@/, '').split('@');
    return host ? `https://${host}/@${user}` : null;
  }
  return null;
}

async function similarAccounts(db: Db, graph: NicheGraph, node: number, snapshot: SnapshotInfo | null) {
  const found = lookalikes(graph.csr, node, 10, { rng: seededRng(node) });
  if (found.length === 0) return [];
  const ids = found.map((l) => graph.accountIds[l.node]);
  const rows = await db
    .select({
      accountId: nicheAccounts.id,
      handle: nicheAccounts.handle,
      displayName: nicheAccounts.displayName,
      rank: snapshot ? nicheScores.rank : sql<null>`null`,
      score: snapshot ? nicheScores.score : sql<null>`null`,
    })
    .from(nicheAccounts)
    .leftJoin(
      nicheScores,
      and(
        eq(nicheScores.accountId, nicheAccounts.id),
        eq(nicheScores.snapshotId, snapshot?.id ?? '00000000-0000-0000-0000-000000000000'),
      ),
    )
    .where(inArray(nicheAccounts.id, ids));
  const byId = new Map(rows.map((r) => [r.accountId, r]));
  return found.flatMap((l, i) => {
    const row = byId.get(ids[i]);
    return row ? [{ ...row, similarity: l.similarity, sharedFollowers: Math.round(l.sharedFollowers) }] : [];
  });
}

async function shortlistOverlap(db: Db, nicheId: string, graph: NicheGraph, accountId: number) {
  const listed = await db
    .select({ accountId: shortlist.accountId, handle: nicheAccounts.handle })
    .from(shortlist)
    .innerJoin(nicheAccounts, eq(nicheAccounts.id, shortlist.accountId))
    .where(and(eq(shortlist.nicheId, nicheId), sql`${shortlist.accountId} <> ${accountId}`))
    .orderBy(asc(shortlist.addedAt))
    .limit(MAX_OVERLAP_ACCOUNTS);
  const others = listed.filter((r) => graph.indexOf.has(r.accountId));
  const self = graph.indexOf.get(accountId);
  if (others.length === 0 || self === undefined)
    return { accounts: [], combinedReach: null, reachWithout: null, exact: true };
  const nodes = others.map((r) => graph.indexOf.get(r.accountId)!);
  const withSelf = audienceOverlap(graph.csr, [self, ...nodes]);
  const without = audienceOverlap(graph.csr, nodes);
  return {
    accounts: others.map((r, i) => ({
      accountId: r.accountId,
      handle: r.handle,
      jaccard: withSelf.jaccard[i + 1],
      overlapCoefficient: withSelf.overlapCoefficient[i + 1],
      sharedFollowers: Math.round(withSelf.sharedFollowers[i + 1]),
    })),
    /** Distinct followers of the shortlist with this account, and without it. */
    combinedReach: withSelf.combinedReach,
    reachWithout: without.combinedReach,
    exact: withSelf.exact,
  };
}

async function rankHistory(db: Db, nicheId: string, accountId: number) {
  return db
    .select({
      snapshotId: scoreSnapshots.id,
      createdAt: scoreSnapshots.createdAt,
      rank: nicheScores.rank,
      score: nicheScores.score,
      nodeCount: scoreSnapshots.nodeCount,
    })
    .from(scoreSnapshots)
    .leftJoin(
      nicheScores,
      and(eq(nicheScores.snapshotId, scoreSnapshots.id), eq(nicheScores.accountId, accountId)),
    )
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(asc(scoreSnapshots.createdAt));
}
