/** The workspace's do-not-mail list: unsubscribes, bounces, and addresses added by hand. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { suppressions } from '../db/schema/index.ts';

export async function listSuppressions(db: Db, workspaceId: string) {
  return db
    .select({ address: suppressions.address, reason: suppressions.reason, createdAt: suppressions.createdAt })
    .from(suppressions)
    .where(eq(suppressions.workspaceId, workspaceId))
    .orderBy(desc(suppressions.createdAt))
    .limit(1000);
}

/** Lifts a suppression (the contact stays do-not-contact until a person clears that too). */
export async function removeSuppression(db: Db, workspaceId: string, address: string) {
  const removed = await db
    .delete(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        sql`lower(${suppressions.address}) = ${address.toLowerCase()}`,
      ),
    )
    .returning({ address: suppressions.address });
  return { removed: removed.length };
}
