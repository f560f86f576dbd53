/**
 * Sign-in throttling kept in the database, so every server process sees the same counts.
 *
 * An attempt is counted *before* the password is checked, in one `insert … on conflict do
 * update … returning` per key, so parallel guesses queue on the row lock and cannot all pass
 * a check made before any of them failed. Two keys: the (account, address) pair, which is
 * what stops a guesser, and the account alone with a far higher allowance and a short cap,
 * so failures from other addresses cannot keep the owner out for long. Past the free
 * allowance each admitted attempt blocks the key for `base · 2^(n − free)`, up to `cap`.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInAttempts } from '../db/schema/index.ts';

const minute = 60 * 1000;

export type ThrottleRule = { free: number; baseMs: number; capMs: number };

export const throttleRules = {
  pair: { free: 5, baseMs: minute, capMs: 60 * minute },
  account: { free: 50, baseMs: minute, capMs: 15 * minute },
} as const satisfies Record<string, ThrottleRule>;

/** A day without attempts forgets a key's count. */
export const throttleMemoryMs = 24 * 60 * minute;

export type ThrottleKey = { key: string; rule: ThrottleRule };

export function throttleKeys(email: string, ip: string): ThrottleKey[] {
  const account = email.toLowerCase();
  return [
    { key: `pair:${account}|${ip}`, rule: throttleRules.pair },
    { key: `account:${account}`, rule: throttleRules.account },
  ];
}

/**
 * Counts one attempt against each key in turn and returns 0 when it may go ahead, or the
 * seconds to wait. A refused attempt is not counted, so waiting is all it takes.
 */
export async function admitAttempt(db: Db, keys: ThrottleKey[], now: Date): Promise<number> {
  for (const { key, rule } of keys) {
    const wait = await admitOne(db, key, rule, now);
    if (wait > 0) return wait;
  }
  return 0;
}

async function admitOne(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  // Dates inside raw sql go as ISO text: postgres.js cannot infer a parameter type there.
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const forgetBefore = sql`${new Date(now.getTime() - throttleMemoryMs).toISOString()}::timestamptz`;
  const t = signInAttempts;
  // In DO UPDATE, the table's columns are the row as it was: every expression sees the old values.
  const admitted = sql`(${t.blockedUntil} is null or ${t.blockedUntil} <= ${nowSql})`;
  const previous = sql`(case when ${t.lastAttemptAt} < ${forgetBefore} then 0 else ${t.attempts} end)`;
  const counted = sql`(${previous} + 1)`;
  const blockAfter = (n: ReturnType<typeof sql>) =>
    sql`case when ${n} >= ${rule.free} then ${nowSql} + least(${rule.baseMs}::float8 * power(2, ${n} - ${rule.free}), ${rule.capMs}::float8) * interval '1 millisecond' else null end`;
  const [row] = await db
    .insert(t)
    .values({ key, attempts: 1, lastAttemptAt: now, blockedUntil: null, lastAdmitted: true })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        attempts: sql`case when ${admitted} then ${counted} else ${t.attempts} end`,
        lastAttemptAt: sql`case when ${admitted} then ${nowSql} else ${t.lastAttemptAt} end`,
        blockedUntil: sql`case when ${admitted} then ${blockAfter(counted)} else ${t.blockedUntil} end`,
        lastAdmitted: admitted,
      },
    })
    .returning({ admitted: t.lastAdmitted, blockedUntil: t.blockedUntil });
  if (row.admitted) return 0;
  const until = row.blockedUntil?.getTime() ?? now.getTime();
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** A successful sign-in clears its keys: attempts that turned out right are not failures. */
export async function clearAttempts(db: Db, keys: ThrottleKey[]): Promise<void> {
  await db.delete(signInAttempts).where(
    inArray(
      signInAttempts.key,
      keys.map((k) => k.key),
    ),
  );
}
