/** Checking a password as sign-in does: throttled per (account, address), same answer for unknown accounts. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { AuthError } from './auth.errors.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { admitAttempt, clearAttempts, throttleKeys } from './throttle.ts';

/** Returns the user's id when the password is right; throws `throttled` or `bad_credentials`. */
export async function checkPassword(
  db: Db,
  input: { email: string; password: string; ip: string; now: Date },
): Promise<string> {
  const keys = throttleKeys(input.email, input.ip);
  const wait = await admitAttempt(db, keys, input.now);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AuthError(
      'throttled',
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !ok) throw new AuthError('bad_credentials', 'Wrong email or password.');
  await clearAttempts(db, keys);
  return user.id;
}
