/** Niches: create, list, read, remove; every query scoped to the workspace. */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { crawlProgress, latestRun } from '../crawl/crawl.progress.ts';
import type { Db } from '../db/client.ts';
import { nicheAccounts, niches, scoreSnapshots, uploads } from '../db/schema/index.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { rows } from './niche-store.ts';
import { NicheError } from './niches.errors.ts';
import type { CreateNicheInput } from './niches.schemas.ts';

export async function requireNiche(db: Db, workspaceId: string, nicheId: string) {
  const [niche] = await db
    .select()
    .from(niches)
    .where(and(eq(niches.id, nicheId), eq(niches.workspaceId, workspaceId)));
  if (!niche) throw new NicheError('niche_not_found', 'No such niche.');
  return niche;
}

export async function createNiche(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: CreateNicheInput,
) {
  try {
    const [niche] = await db
      .insert(niches)
      .values({
        workspaceId,
        name: input.name,
        platform: input.platform,
        seeds: input.seeds.map((s) => s.replace(/^@/, '')),
        keywords: input.keywords,
        budget: input.budget,
        createdBy: userId,
      })
      .returning();
    return niche;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new NicheError('niche_name_taken', `A niche named "${input.name}" already exists.`, {
        cause: error,
      });
    }
    throw error;
  }
}

async function latestUpload(db: Db, nicheId: string) {
  const [upload] = await db
    .select({
      id: uploads.id,
      filename: uploads.filename,
      status: uploads.status,
      progress: uploads.progress,
      error: uploads.error,
      warning: uploads.warning,
    })
    .from(uploads)
    .where(eq(uploads.nicheId, nicheId))
    .orderBy(desc(uploads.createdAt))
    .limit(1);
  return upload ?? null;
}

export async function listNiches(db: Db, workspaceId: string, now: Date) {
  const list = await db
    .select()
    .from(niches)
    .where(eq(niches.workspaceId, workspaceId))
    .orderBy(desc(niches.createdAt));
  return Promise.all(list.map((n) => summarize(db, n, now)));
}

async function summarize(db: Db, niche: typeof niches.$inferSelect, now: Date) {
  const [snapshot] = await db
    .select({
      id: scoreSnapshots.id,
      createdAt: scoreSnapshots.createdAt,
      nodeCount: scoreSnapshots.nodeCount,
      edgeCount: scoreSnapshots.edgeCount,
    })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, niche.id))
    .orderBy(desc(scoreSnapshots.createdAt))
    .limit(1);
  const run = await latestRun(db, niche.id);
  return {
    id: niche.id,
    name: niche.name,
    platform: niche.platform,
    status: niche.status,
    isDemo: niche.isDemo,
    seeds: niche.seeds,
    keywords: niche.keywords,
    budget: niche.budget,
    lastError: niche.lastError,
    createdAt: niche.createdAt,
    latestSnapshot: snapshot ?? null,
    crawl: run ? crawlProgress(run, now) : null,
    upload: niche.platform === 'file' ? await latestUpload(db, niche.id) : null,
  };
}

export async function getNiche(db: Db, workspaceId: string, nicheId: string, now: Date) {
  const niche = await requireNiche(db, workspaceId, nicheId);
  const [accounts] = await db
    .select({ n: count() })
    .from(nicheAccounts)
    .where(eq(nicheAccounts.nicheId, nicheId));
  const [edges] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from niche_edges where niche_id = ${nicheId}`,
  );
  const snapshots = await db
    .select({
      id: scoreSnapshots.id,
      createdAt: scoreSnapshots.createdAt,
      nodeCount: scoreSnapshots.nodeCount,
      edgeCount: scoreSnapshots.edgeCount,
      modularity: scoreSnapshots.modularity,
      communityCount: scoreSnapshots.communityCount,
    })
    .from(scoreSnapshots)
    .where(eq(scoreSnapshots.nicheId, nicheId))
    .orderBy(desc(scoreSnapshots.createdAt));
  return {
    ...(await summarize(db, niche, now)),
    accountCount: accounts.n,
    edgeCount: Number(edges?.n ?? 0),
    snapshots,
  };
}

export async function removeNiche(db: Db, workspaceId: string, nicheId: string) {
  const removed = await db
    .delete(niches)
    .where(and(eq(niches.id, nicheId), eq(niches.workspaceId, workspaceId)))
    .returning({ id: niches.id });
  if (removed.length === 0) throw new NicheError('niche_not_found', 'No such niche.');
  return { id: nicheId };
}
