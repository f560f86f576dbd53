/**
 * `murmur track URL --deal ID`: track a live post on a deal (resolve it, warn when the author is
 * not the deal's influencer, take the first snapshot); polling goes on in `murmur serve`/`worker`.
 */
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open.ts';
import { workspaces } from '../db/schema/index.ts';
import { trackPost } from '../tracking/track-post.ts';
import { trackingRuntime } from '../tracking/tracking-runtime.ts';
import { UsageError } from './cli-errors.ts';

export async function withWorkspace<T>(
  name: string | undefined,
  run: (database: Database, workspaceId: string, config: ReturnType<typeof loadConfig>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const list = await database.db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
    const found = name ? list.find((w) => w.name.toLowerCase() === name.toLowerCase()) : list[0];
    if (!found || (!name && list.length > 1))
      throw new UsageError(
        list.length === 0
          ? 'There is no workspace yet.'
          : `Choose a workspace with --workspace (${list.map((w) => w.name).join(', ')}).`,
      );
    return await run(database, found.id, config);
  } finally {
    await database.close();
  }
}

export async function trackCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { deal: { type: 'string' }, workspace: { type: 'string' } },
  });
  const url = positionals[0];
  if (!url || !values.deal || positionals.length > 1)
    throw new UsageError('Usage: murmur track URL --deal DEAL_ID [--workspace NAME]');
  if (!/^[0-9a-f-]{36}$/i.test(values.deal))
    throw new UsageError('--deal takes the deal id shown on the deal page.');
  return withWorkspace(values.workspace, async (database, workspaceId, config) => {
    const result = await trackPost(database.db, trackingRuntime(config), workspaceId, {
      dealId: values.deal!,
      url,
    });
    process.stdout.write(`Tracking ${url} by ${result.authorHandle} (id ${result.id}).\n`);
    if (result.authorMismatch)
      process.stderr.write(
        `Warning: ${result.authorHandle} is not one of this deal's influencer accounts.\n`,
      );
    return 0;
  });
}
