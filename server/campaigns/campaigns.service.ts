/** Campaigns, their progress against budget and goals; every query is scoped to one workspace. */
import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/audit.service.ts';
import { recordChange } from '../audit/record-change.ts';
import type { Db } from '../db/client.ts';
import { campaigns, memberships, users } from '../db/schema/index.ts';
import { budgetSummaries } from './campaign-budget.ts';
import { CampaignError } from './campaigns.errors.ts';
import type { CampaignInput, CampaignListInput } from './campaigns.schemas.ts';

const columns = {
  id: campaigns.id,
  name: campaigns.name,
  client: campaigns.client,
  brief: campaigns.brief,
  niches: campaigns.niches,
  budgetMinor: campaigns.budgetMinor,
  currency: campaigns.currency,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  goalReach: campaigns.goalReach,
  goalPosts: campaigns.goalPosts,
  goalEmvMinor: campaigns.goalEmvMinor,
  status: campaigns.status,
  ownerId: campaigns.ownerId,
  ownerName: users.name,
  ownerEmail: users.email,
  version: campaigns.version,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
};

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCampaigns(db: Db, workspaceId: string, input: CampaignListInput) {
  const conditions: SQL[] = [eq(campaigns.workspaceId, workspaceId)];
  if (input.status) conditions.push(eq(campaigns.status, input.status));
  else if (!input.includeArchived) conditions.push(ne(campaigns.status, 'archived'));
  if (input.ownerId) conditions.push(eq(campaigns.ownerId, input.ownerId));
  if (input.search) {
    const pattern = `%${escapeLike(input.search.toLowerCase())}%`;
    conditions.push(
      sql`(lower(${campaigns.name}) like ${pattern} or lower(${campaigns.client}) like ${pattern})`,
    );
  }
  const rows = await db
    .select(columns)
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.ownerId))
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${campaigns.name})`), asc(campaigns.id))
    .limit(500);
  const progress = await budgetSummaries(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, progress: progress.get(r.id)! }));
}

export async function getCampaign(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.ownerId))
    .where(and(eq(campaigns.id, id), eq(campaigns.workspaceId, workspaceId)));
  // Another workspace's campaign is reported exactly like a missing one.
  if (!row) throw new CampaignError('campaign_not_found', 'No such campaign.');
  const progress = await budgetSummaries(db, workspaceId, [id]);
  return { ...row, progress: progress.get(id)! };
}

/** A deal or campaign owner must belong to the workspace. */
export async function assertMember(db: Db, workspaceId: string, userId: string | null | undefined) {
  if (!userId) return;
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!row) throw new CampaignError('owner_not_member', 'The owner must be a member of this workspace.');
}

export async function createCampaign(
  db: Db,
  workspaceId: string,
  actorId: string,
  input: CampaignInput,
  now: Date,
) {
  await assertMember(db, workspaceId, input.ownerId);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ ...input, ownerId: input.ownerId ?? actorId, workspaceId, createdAt: now, updatedAt: now })
      .returning({ id: campaigns.id });
    await recordChange(tx, {
      workspaceId,
      actorId,
      at: now,
      activity: {
        subjectType: 'campaign',
        subjectId: row.id,
        campaignId: row.id,
        kind: 'campaign_created',
        payload: { name: input.name },
      },
      audit: {
        entityType: 'campaign',
        entityId: row.id,
        action: 'created',
        changes: { name: input.name, client: input.client, budgetMinor: input.budgetMinor },
      },
    });
    return row.id;
  });
  return getCampaign(db, workspaceId, id);
}

/** Optimistic concurrency: the write applies only to the version the editor started from. */
export async function updateCampaign(
  db: Db,
  workspaceId: string,
  actorId: string,
  id: string,
  version: number,
  fields: Partial<CampaignInput>,
  now: Date,
) {
  await assertMember(db, workspaceId, fields.ownerId);
  await db.transaction(async (tx) => {
    const before = await getCampaign(tx, workspaceId, id);
    if (before.version !== version) throw staleCampaign();
    const changes = diff(before as unknown as Record<string, unknown>, fields);
    const updated = await tx
      .update(campaigns)
      .set({ ...fields, version: sql`${campaigns.version} + 1`, updatedAt: now })
      .where(
        and(eq(campaigns.id, id), eq(campaigns.workspaceId, workspaceId), eq(campaigns.version, version)),
      )
      .returning({ id: campaigns.id });
    if (updated.length === 0) throw staleCampaign();
    if (Object.keys(changes).length === 0) return;
    const brief = 'brief' in changes ? { brief: { changed: true } } : {};
    const summary = { ...changes, ...brief };
    await recordChange(tx, {
      workspaceId,
      actorId,
      at: now,
      activity: {
        subjectType: 'campaign',
        subjectId: id,
        campaignId: id,
        kind: 'fields_changed',
        payload: { fields: Object.keys(changes), changes: summary },
      },
      audit: { entityType: 'campaign', entityId: id, action: 'updated', changes },
    });
  });
  return getCampaign(db, workspaceId, id);
}

function staleCampaign() {
  return new CampaignError(
    'stale_version',
    'Someone else changed this campaign since you opened it. Their changes are shown now; make yours again.',
  );
}

export async function removeCampaign(db: Db, workspaceId: string, actorId: string, id: string, now: Date) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(campaigns)
      .where(and(eq(campaigns.id, id), eq(campaigns.workspaceId, workspaceId)))
      .returning({ id: campaigns.id, name: campaigns.name });
    if (removed.length === 0) throw new CampaignError('campaign_not_found', 'No such campaign.');
    await recordAudit(tx, {
      workspaceId,
      actorId,
      entityType: 'campaign',
      entityId: id,
      action: 'deleted',
      changes: { name: removed[0].name },
      at: now,
    });
  });
  return { id };
}
