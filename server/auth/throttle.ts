/**
 * Sign-in throttling kept in the database, so every server process sees the same counts.
 * A key ("email:…" or "ip:…") may fail `limit` times per window; then it waits the window out.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInFailures } from '../db/schema/index.ts';

export const throttleWindowMs = 15 * 60 * 1000;
export const limits = { email: 8, ip: 40 } as const;

export type ThrottleKey = { key: string; limit: number };

export function throttleKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: `email:${email.toLowerCase()}`, limit: limits.email },
    { key: `ip:${ip}`, limit: limits.ip },
  ];
}

/** Seconds until the first exhausted key may try again, or 0 when all may try now. */
export async function throttledFor(db: Db, keys: ThrottleKey[], now: Date): Promise<number> {
  let wait = 0;
  for (const { key, limit } of keys) {
    const [row] = await db.select().from(signInFailures).where(eq(signInFailures.key, key));
    if (!row) continue;
    const ends = row.windowStart.getTime() + throttleWindowMs;
    if (row.failures >= limit && ends > now.getTime())
      wait = Math.max(wait, Math.ceil((ends - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordFailure(db: Db, keys: ThrottleKey[], now: Date): Promise<void> {
  // Dates inside raw sql go as ISO text: postgres.js cannot infer a parameter type there.
  const cutoff = sql`${new Date(now.getTime() - throttleWindowMs).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  for (const { key } of keys) {
    await db
      .insert(signInFailures)
      .values({ key, failures: 1, windowStart: now })
      .onConflictDoUpdate({
        target: signInFailures.key,
        set: {
          failures: sql`case when ${signInFailures.windowStart} < ${cutoff} then 1 else ${signInFailures.failures} + 1 end`,
          windowStart: sql`case when ${signInFailures.windowStart} < ${cutoff} then ${nowSql} else ${signInFailures.windowStart} end`,
        },
      });
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
