/**
 * What the learned model learns from: the niche's measured campaigns. A tracked post counts when
 * its author is an account of the niche (matched by platform id, else by handle, as tracking
 * stores them); its cascade is reconstructed exactly as the campaign report does (via, else the
 * earliest earlier sharer followed, else the post), and every reshare by a niche account becomes a
 * propagation action with its reconstructed parent and time (Goyal, Bonchi & Lakshmanan 2010).
 * Scoped to the niche's workspace: another workspace's posts never teach this niche anything.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type Niche, postResharers, trackedPosts } from '../db/schema/index.ts';
import { arrayParam, rows } from '../niches/niche-store.ts';
import { requireNiche } from '../niches/niches.service.ts';
import { postMetrics } from '../reports/post-metrics.ts';
import { MEASURED_STATUSES } from '../reports/report-data.ts';
import { followGraph } from '../tracking/follow-graph.ts';
import { PlanError } from './plans.errors.ts';

/** One action in niche account ids (niche_accounts.id); the planner maps them to node indices. */
export type LearnedAction = { accountId: number; parentAccountId: number | null; time: number };
export type LearnedData = {
  /** One list per measured post whose author is in the niche, the author's post first. */
  cascades: LearnedAction[][];
  /** Reshares by niche accounts across those cascades. */
  reshares: number;
};

export async function loadLearnedActions(db: Db, niche: Niche): Promise<LearnedData> {
  if (niche.platform === 'file') return { cascades: [], reshares: 0 };
  const platform = niche.platform;
  const posts = await db
    .select()
    .from(trackedPosts)
    .where(
      and(
        eq(trackedPosts.workspaceId, niche.workspaceId),
        eq(trackedPosts.platform, platform),
        inArray(trackedPosts.status, [...MEASURED_STATUSES]),
        sql`exists (select 1 from niche_accounts a where a.niche_id = ${niche.id}
              and (a.platform_id = ${trackedPosts.authorId} or lower(a.handle) = lower(${trackedPosts.authorHandle})))`,
      ),
    )
    .orderBy(trackedPosts.postedAt, trackedPosts.id);
  if (posts.length === 0) return { cascades: [], reshares: 0 };
  const resharers = await db
    .select()
    .from(postResharers)
    .where(
      inArray(
        postResharers.trackedPostId,
        posts.map((p) => p.id),
      ),
    );
  const accounts = new Set(posts.map((p) => p.authorId));
  for (const r of resharers) accounts.add(r.accountId);
  const graph = await followGraph(db, niche.workspaceId, platform, [...accounts]);
  const members = await nicheMembers(
    db,
    niche.id,
    [...accounts],
    [...posts.map((p) => p.authorHandle), ...resharers.map((r) => r.handle)],
  );
  const idOf = (account: string, handle: string) =>
    members.byPlatformId.get(account) ?? members.byHandle.get(handle.toLowerCase()) ?? null;

  const cascades: LearnedAction[][] = [];
  let reshares = 0;
  for (const post of posts) {
    const { nodes } = postMetrics(
      post,
      resharers.filter((r) => r.trackedPostId === post.id),
      graph,
    );
    const ids = nodes.map((node) => idOf(node.account, node.handle));
    if (ids[0] === null) continue;
    const cascade: LearnedAction[] = [];
    nodes.forEach((node, i) => {
      const accountId = ids[i];
      if (accountId === null) return;
      const parent = node.parent >= 0 ? ids[node.parent] : null;
      // A parent outside the niche is no niche follow: naming the account itself credits no edge
      // but still counts the action (A(v) in Goyal et al.), where null would credit every
      // earlier sharer it follows.
      cascade.push({
        accountId,
        parentAccountId: i === 0 ? null : (parent ?? accountId),
        time: Date.parse(node.at),
      });
      if (i > 0) reshares++;
    });
    cascades.push(cascade);
  }
  return { cascades, reshares };
}

async function nicheMembers(db: Db, nicheId: string, platformIds: string[], handles: string[]) {
  const found = await rows<{ id: string | number; platform_id: string; handle: string }>(
    db,
    sql`select id, platform_id, lower(handle) as handle from niche_accounts where niche_id = ${nicheId}
          and (platform_id = any(${arrayParam(platformIds)}::text[])
            or lower(handle) = any(${arrayParam(handles.map((h) => h.toLowerCase()))}::text[]))`,
  );
  return {
    byPlatformId: new Map(found.map((f) => [f.platform_id, Number(f.id)])),
    byHandle: new Map(found.map((f) => [f.handle, Number(f.id)])),
  };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

export const learnedSummary = (data: LearnedData) =>
  `${plural(data.cascades.length, 'measured cascade')} with ${plural(data.reshares, 'reshare')} by accounts of this niche`;

/** Whether the niche has measured campaigns to learn from, and how much, for the Plan tab. */
export async function learnedModelAvailability(db: Db, workspaceId: string, nicheId: string) {
  const niche = await requireNiche(db, workspaceId, nicheId);
  const data = await loadLearnedActions(db, niche);
  const available = data.reshares > 0;
  return {
    available,
    cascades: data.cascades.length,
    reshares: data.reshares,
    reason: available ? `Learns from ${learnedSummary(data)}.` : unavailableReason(data),
  };
}

function unavailableReason(data: LearnedData) {
  return data.cascades.length === 0
    ? 'No measured campaigns in this niche yet: the learned model needs tracked posts by accounts of this niche.'
    : `No reshares by accounts of this niche yet in its ${plural(data.cascades.length, 'measured cascade')}: nothing to learn from.`;
}

/** The niche's learned-model data, or the plan's refusal saying why there is none. */
export async function requireLearnedData(db: Db, niche: Niche) {
  const data = await loadLearnedActions(db, niche);
  if (data.reshares === 0) throw new PlanError('learned_unavailable', unavailableReason(data));
  return data;
}
