import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { plans } from '../db/schema/index.ts';
import type { Queue } from '../jobs/queue.ts';
import { sendPlanJob } from './plans.service.ts';

/** A running plan whose progress has not moved for this long lost its worker. */
const STALE_MS = 10 * 60_000;

/**
 * At start: every plan that should be computing gets a job again. On the embedded database this
 * process is the only one, so every running plan is a dead one; on PostgreSQL only a plan whose
 * progress stopped moving is. A rerun computes the same plan from the stored seed, and a plan
 * that keeps dying is failed after a few attempts (plan-run.ts), so none stays "running".
 */
export async function recoverPlans(database: Database, queue: Queue, now = new Date()) {
  const { db } = database;
  const stale =
    database.kind === 'pglite' ? undefined : lt(plans.updatedAt, new Date(now.getTime() - STALE_MS));
  await db
    .update(plans)
    .set({ status: 'queued', updatedAt: now })
    .where(and(eq(plans.status, 'running'), stale));
  const open = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, 'queued'));
  for (const plan of open) await sendPlanJob(queue, plan.id);
  return { resumed: open.length };
}
