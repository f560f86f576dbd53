/**
 * The background sender: drains what is due, then books its next run for when the next message
 * is due (at most a minute away, so schedules made meanwhile are picked up). One queued run at a
 * time (policy "short"); several workers running at once are safe (see sender.ts).
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/sql.ts';
import type { Queue } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import { createSender } from './sender.ts';

export const sendJobName = 'outreach-send';

export function outreachBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'> | undefined): string {
  if (config?.publicUrl) return config.publicUrl.replace(/\/$/, '');
  if (config) return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return 'http://localhost:3000';
}

/** Asks a worker to look at the queue now (no-op without a queue, e.g. in the CLI). */
export async function kickSender(queue: Queue | undefined, startAfterSeconds = 0) {
  await queue?.send(sendJobName, {}, { singletonKey: 'outreach-send', startAfter: startAfterSeconds });
}

async function secondsUntilNextDue(db: Db, now: Date): Promise<number | null> {
  const [row] = rowsOf(
    (await db.execute(
      sql`select min(send_at) as next from outreach_messages where status in ('scheduled', 'sending')`,
    )) as never,
  ) as { next: string | Date | null }[];
  if (!row?.next) return null;
  return Math.max(1, Math.ceil((new Date(row.next).getTime() - now.getTime()) / 1000));
}

export const sendJob = defineJob<Record<string, never>>({
  name: sendJobName,
  policy: 'short',
  options: { pollingIntervalSeconds: 1 },
  async run(_data, deps) {
    const sender = createSender({
      db: deps.database.db,
      secret: deps.config.sessionSecret,
      baseUrl: outreachBaseUrl(deps.config),
      now: () => new Date(),
      logger: deps.logger,
    });
    try {
      // On the embedded database this process is the only sender: any "sending" row is a dead claim.
      await sender.recover({ all: deps.database.kind === 'pglite' });
      await sender.drain();
    } finally {
      sender.close();
      const next = await secondsUntilNextDue(deps.database.db, new Date());
      if (next !== null) await kickSender(deps.queue, Math.min(next, 60));
    }
  },
});
