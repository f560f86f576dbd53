import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { emailSchema, passwordSchema } from '../auth/auth.schemas.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import { memberships, roles, users, workspaces } from '../db/schema/index.ts';
import { findUserByEmail, membershipOf } from '../workspaces/workspaces.service.ts';

const input = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(200).default(''),
  workspace: z.string().trim().min(1).max(200).optional(),
  role: z.enum(roles).optional(),
});

/**
 * Creates a user (or reuses one with that email) and, with a workspace name, adds them to it:
 * as owner of a new workspace, or with `role` (default member) in an existing one.
 */
export async function createUserFromCli(db: Db, raw: z.input<typeof input>) {
  const parsed = input.safeParse(raw);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const { email, password, name, workspace, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, email);
    if (user) throw new Error(`A user with email ${email} already exists.`);
    [user] = await tx.insert(users).values({ email, name, passwordHash }).returning();
    if (!workspace) return { userId: user.id, workspace: null };
    let [target] = await tx.select().from(workspaces).where(eq(workspaces.name, workspace)).limit(1);
    const isNew = !target;
    if (!target) [target] = await tx.insert(workspaces).values({ name: workspace }).returning();
    if (!(await membershipOf(tx, user.id, target.id))) {
      await tx
        .insert(memberships)
        .values({ workspaceId: target.id, userId: user.id, role: role ?? (isNew ? 'owner' : 'member') });
    }
    return { userId: user.id, workspace: { id: target.id, name: target.name, created: isNew } };
  });
}
