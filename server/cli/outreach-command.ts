/** `murmur outreach status [--workspace W]`: queue depth and caps per mailbox, one line each. */
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase } from '../db/open.ts';
import { workspaces } from '../db/schema/index.ts';
import { queueStatus } from '../outreach/outbox.service.ts';
import { UsageError } from './cli-errors.ts';

export async function outreachCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'status') throw new UsageError('Usage: murmur outreach status [--workspace NAME]');
  const { values } = parseArgs({ args: rest, options: { workspace: { type: 'string' } } });
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const all = await database.db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
    const chosen = values.workspace
      ? all.filter((w) => w.name.toLowerCase() === values.workspace?.toLowerCase())
      : all;
    if (values.workspace && chosen.length === 0)
      throw new UsageError(
        `No workspace named "${values.workspace}". Workspaces: ${all.map((w) => w.name).join(', ') || 'none'}.`,
      );
    const now = new Date();
    let lines = 0;
    for (const w of chosen) {
      for (const m of await queueStatus(database.db, w.id, now)) {
        lines++;
        const cap = (sent: number, limit: number | null) => `${sent}/${limit ?? 'no cap'}`;
        process.stdout.write(
          [
            w.name,
            `${m.name} <${m.fromAddress}>${m.enabled ? '' : ' (paused)'}`,
            `queued ${m.scheduled} (due now ${m.due}, sending ${m.sending})`,
            `failed ${m.failed}`,
            `today ${cap(m.sentToday, m.dailyCapToday)}`,
            `this hour ${cap(m.sentThisHour, m.hourlyCap)}`,
            `next ${m.nextSendAt ?? '—'} (${m.timeZone})`,
          ].join('\t') + '\n',
        );
      }
    }
    if (lines === 0) process.stdout.write('No mailboxes yet: add one in Settings → Email.\n');
    return 0;
  } finally {
    await database.close();
  }
}
