/**
 * The two writes every send makes (the body marker before DATA's body, and "sent" after the
 * server's answer), coalesced: concurrent sends on a pool share one UPDATE per tick instead
 * of one round trip each. The marker still commits before its body goes (the send waits for
 * its batch); a "sent" write waiting for its batch only widens the window in which a crash
 * leaves a delivered message flagged as interrupted, never one in which it is sent twice.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

function coalesce<T>(flush: (items: T[]) => Promise<void>) {
  let pending: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  const run = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    try {
      await flush(batch.map((p) => p.item));
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return (item: T) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(run);
      }
    });
}

export function sendWrites(db: Db, now: () => Date) {
  const markBody = coalesce<string>(async (ids) => {
    await db.execute(sql`
      update outreach_messages set body_started_at = ${now().toISOString()}
      where status = 'sending' and id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  });
  const markSent = coalesce<{ id: string; response: string; enrolmentId: string | null }>(async (items) => {
    const at = now().toISOString();
    const rows = JSON.stringify(items.map((i) => ({ id: i.id, response: i.response })));
    const enrolmentIds = [...new Set(items.flatMap((i) => (i.enrolmentId ? [i.enrolmentId] : [])))];
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        update outreach_messages m
        set status = 'sent', sent_at = ${at}, finished_at = ${at}, smtp_response = v.response,
            lease_until = null, last_error = null, updated_at = ${at}
        from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, response text)
        where m.id = v.id and m.status = 'sending'`);
      for (const enrolmentId of enrolmentIds) {
        await tx.execute(sql`
          update enrolments set status = 'completed'
          where id = ${enrolmentId} and status = 'active'
            and not exists (select 1 from outreach_messages m where m.enrolment_id = ${enrolmentId}
                            and m.status in ('scheduled', 'sending'))`);
      }
    });
  });
  return { markBody, markSent };
}
