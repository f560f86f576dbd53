/**
 * A change that people see twice: as an event on a timeline (activities) and as an entry in
 * the admin audit log. Writing both through one call keeps them from drifting apart: same
 * workspace, actor, time and contact. Call inside the transaction that makes the change.
 */
import type { Db } from '../db/client.ts';
import { type ActivityInput, recordActivity } from './activities.service.ts';
import { type AuditInput, recordAudit } from './audit.service.ts';

type Shared = 'workspaceId' | 'actorId' | 'at' | 'contactId';

export type ChangeInput = {
  workspaceId: string;
  actorId: string | null;
  at?: Date;
  /** The contact the change concerns, on both the event and the audit entry. */
  contactId?: string | null;
  activity: Omit<ActivityInput, Shared>;
  audit: Omit<AuditInput, Shared>;
};

export async function recordChange(db: Db, changes: ChangeInput | ChangeInput[]) {
  const list = Array.isArray(changes) ? changes : [changes];
  if (list.length === 0) return;
  await recordActivity(
    db,
    list.map(({ activity, audit: _, ...shared }) => ({ ...shared, ...activity })),
  );
  await recordAudit(
    db,
    list.map(({ audit, activity: _, ...shared }) => ({ ...shared, ...audit })),
  );
}
