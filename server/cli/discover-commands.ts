/**
 * `murmur niches | demo | crawl | import | score | export`: Discover from the command line.
 * Work runs in this process with progress on stderr; results go to stdout.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { crawlRuntime } from '../crawl/crawl.job.ts';
import { crawlProgress } from '../crawl/crawl.progress.ts';
import { startCrawl } from '../crawl/crawl.service.ts';
import { runCrawlToEnd } from '../crawl/run-to-end.ts';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open.ts';
import { niches, uploads, workspaces } from '../db/schema/index.ts';
import { formatFromName, type GraphFormat } from '../graph-files/graph-format.ts';
import { exportChunks, nicheExport } from '../imports/export.ts';
import { importFile, runImport } from '../imports/import.service.ts';
import { storeFile } from '../imports/upload-receive.ts';
import { safeErrorText } from '../lib/safe-text.ts';
import { createDemoNiche } from '../niches/demo.ts';
import { rows } from '../niches/niche-store.ts';
import { NicheError } from '../niches/niches.errors.ts';
import { createNiche, listNiches, removeNiche } from '../niches/niches.service.ts';
import { scoreNicheNow } from '../scoring/scoring.service.ts';
import { UsageError } from './cli-errors.ts';
import { bar, progressLine } from './progress.ts';

/** A crawl that ran and failed: exit 1 with the reason, not a usage error. */
export class CrawlFailedError extends Error {}

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

/** The workspace named, or the only one there is. */
export async function workspaceOf(database: Database, name: string | undefined) {
  const list = await database.db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
  if (name) {
    const found = list.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!found)
      throw new UsageError(
        `No workspace named "${name}". Workspaces: ${list.map((w) => w.name).join(', ') || 'none'}.`,
      );
    return found;
  }
  if (list.length === 1) return list[0];
  if (list.length === 0)
    throw new UsageError(
      'There is no workspace yet: open Murmur in a browser, or run\n  echo "$PASSWORD" | npx murmur user create --email you@example.com --password-stdin --workspace NAME',
    );
  throw new UsageError(
    `Several workspaces exist; choose one with --workspace (${list.map((w) => w.name).join(', ')}).`,
  );
}

export async function nicheByName(database: Database, workspaceId: string, name: string) {
  const [niche] = await database.db
    .select()
    .from(niches)
    .where(and(eq(niches.workspaceId, workspaceId), eq(sql`lower(${niches.name})`, name.toLowerCase())));
  return niche ?? null;
}

const common = { workspace: { type: 'string' }, niche: { type: 'string' } } as const;

async function printTop(database: Database, nicheId: string, limit = 10) {
  const top = await rows<{ rank: number; handle: string; score: number; niche_followers: number }>(
    database.db,
    sql`select s.rank, a.handle, s.score, s.niche_followers from niche_scores s
        join niche_accounts a on a.id = s.account_id
        where s.snapshot_id = (select id from score_snapshots where niche_id = ${nicheId} order by created_at desc limit 1)
        order by s.rank limit ${limit}`,
  );
  for (const t of top) {
    process.stdout.write(
      `${String(t.rank).padStart(4)}  ${t.score.toFixed(1).padStart(5)}  ${String(t.niche_followers).padStart(7)}  ${t.handle}\n`,
    );
  }
}

async function score(database: Database, target: { nicheId: string; workspaceId: string }) {
  const line = progressLine();
  const result = await scoreNicheNow(database.db, target, {
    onProgress: (phase, f) => line.update(`Scoring ${phase} ${bar(f)}`),
  });
  line.done(
    `Scored ${result.nodeCount} accounts and ${result.edgeCount} edges in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  await printTop(database, target.nicheId);
}

export async function nichesCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { workspace: common.workspace } });
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    const list = await listNiches(database.db, workspace.id, new Date());
    if (list.length === 0) process.stdout.write('No niches yet. Try `murmur demo`.\n');
    for (const n of list) {
      const size = n.latestSnapshot
        ? `${n.latestSnapshot.nodeCount} accounts, ${n.latestSnapshot.edgeCount} edges`
        : 'not scored';
      process.stdout.write(`${n.name}\t${n.platform}${n.isDemo ? ' (demo)' : ''}\t${n.status}\t${size}\n`);
    }
    return 0;
  });
}

export async function demoCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { workspace: common.workspace } });
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    const demo = await createDemoNiche(database.db, workspace.id, null);
    process.stderr.write(
      `Created demo niche "${demo.niche.name}" (${demo.accounts} generated accounts, ${demo.edges} follows).\n`,
    );
    await score(database, { nicheId: demo.niche.id, workspaceId: workspace.id });
    return 0;
  });
}

export async function scoreCommand(args: string[]) {
  const { values } = parseArgs({ args, options: common });
  if (!values.niche) throw new UsageError('murmur score: --niche NAME is required');
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    const niche = await nicheByName(database, workspace.id, values.niche!);
    if (!niche) throw new NicheError('niche_not_found', `No niche named "${values.niche}".`);
    await score(database, { nicheId: niche.id, workspaceId: workspace.id });
    return 0;
  });
}

export async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...common,
      format: { type: 'string' },
      accounts: { type: 'string' },
      mutual: { type: 'boolean' },
      'accounts-id-column': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || !values.niche)
    throw new UsageError(
      'murmur import FILE --niche NAME [--format csv|gexf|graphml] [--accounts FILE] [--mutual]',
    );
  const format = (values.format ?? formatFromName(file)) as GraphFormat | null;
  if (!format || !['csv', 'gexf', 'graphml'].includes(format))
    throw new UsageError(`Cannot tell the format of ${file}: pass --format csv|gexf|graphml.`);
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    const existing = await nicheByName(database, workspace.id, values.niche!);
    if (existing && existing.platform !== 'file')
      throw new UsageError(`"${existing.name}" is a crawled niche; import into a new niche name.`);
    const niche =
      existing ??
      (await createNiche(database.db, workspace.id, null, {
        name: values.niche!,
        platform: 'file',
        seeds: [],
        keywords: [],
        budget: { maxRequests: 1, maxAccounts: 10, maxMinutes: 1 },
        start: false,
      }));
    const target = { nicheId: niche.id, workspaceId: workspace.id };
    const filename = basename(file);
    const started = performance.now();
    // The web upload's road: an upload row, the file in upload chunks, the niche 'importing',
    // then the import job's own function, run here so the command can wait for its outcome.
    const outcome = await importFile(database.db, target, async (uploadId) => {
      await storeFile(database.db, uploadId, 'edges', createReadStream(file));
      if (values.accounts)
        await storeFile(database.db, uploadId, 'accounts', createReadStream(values.accounts));
      return {
        filename,
        format,
        options: { mutual: values.mutual ?? false, accountsIdColumn: values['accounts-id-column'] },
      };
    })
      .then(({ uploadId }) =>
        runImport(database, null, uploadId).then(() => uploadOutcome(database, uploadId)),
      )
      .catch((error: unknown) => ({
        status: 'failed' as const,
        error: safeErrorText(error),
        warning: null,
        progress: null,
      }));
    if (outcome.status !== 'done') {
      // A file that cannot be imported leaves no niche behind that this command created.
      if (!existing) await removeNiche(database.db, workspace.id, niche.id);
      throw new UsageError(outcome.error ?? `The import of ${filename} failed.`);
    }
    if (outcome.warning) process.stderr.write(`Warning: ${outcome.warning}\n`);
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `Imported ${outcome.progress?.accounts ?? 0} accounts and ${outcome.progress?.edges ?? 0} new edges from ${filename} in ${seconds.toFixed(1)} s.\n`,
    );
    await score(database, target);
    return 0;
  });
}

async function uploadOutcome(database: Database, uploadId: string) {
  const [upload] = await database.db
    .select({
      status: uploads.status,
      error: uploads.error,
      warning: uploads.warning,
      progress: uploads.progress,
    })
    .from(uploads)
    .where(eq(uploads.id, uploadId));
  return upload;
}

export async function exportCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { ...common, format: { type: 'string' }, out: { type: 'string' }, part: { type: 'string' } },
  });
  if (!values.niche)
    throw new UsageError('murmur export --niche NAME --format csv|gexf [--out FILE] [--part edges|accounts]');
  const format = values.format === 'gexf' ? 'gexf' : values.format === 'csv' || !values.format ? 'csv' : null;
  if (!format) throw new UsageError('--format is csv or gexf');
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    const niche = await nicheByName(database, workspace.id, values.niche!);
    if (!niche) throw new NicheError('niche_not_found', `No niche named "${values.niche}".`);
    const { graph, snapshot } = await nicheExport(database.db, niche.id);
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    for (const chunk of exportChunks(
      graph,
      format,
      values.part === 'accounts' ? 'accounts' : 'edges',
      snapshot,
    )) {
      if (!out.write(chunk)) await new Promise((r) => (out as NodeJS.WritableStream).once('drain', r));
    }
    if (values.out)
      await new Promise<void>((resolve, reject) =>
        (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? reject(e) : resolve())),
      );
    if (values.out) process.stderr.write(`Wrote ${values.out}.\n`);
    return 0;
  });
}

export async function crawlCommand(args: string[]) {
  const [platform, ...rest] = args;
  if (platform !== 'bluesky' && platform !== 'mastodon')
    throw new UsageError('murmur crawl bluesky|mastodon --niche NAME (--seed HANDLE)… (--keyword WORD)…');
  const { values } = parseArgs({
    args: rest,
    options: {
      ...common,
      seed: { type: 'string', multiple: true },
      keyword: { type: 'string', multiple: true },
      'max-requests': { type: 'string' },
      'max-accounts': { type: 'string' },
      'max-minutes': { type: 'string' },
    },
  });
  if (!values.niche) throw new UsageError('murmur crawl: --niche NAME is required');
  const config = loadConfig();
  return withDatabase(async (database) => {
    const workspace = await workspaceOf(database, values.workspace);
    let niche = await nicheByName(database, workspace.id, values.niche!);
    if (!niche) {
      const number = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
      const { createNicheInput } = await import('../niches/niches.schemas.ts');
      const input = createNicheInput.safeParse({
        name: values.niche,
        platform,
        seeds: values.seed ?? [],
        keywords: values.keyword ?? [],
        budget: {
          maxRequests: number(values['max-requests'], 3000),
          maxAccounts: number(values['max-accounts'], 20_000),
          maxMinutes: number(values['max-minutes'], 60),
        },
      });
      if (!input.success)
        throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      niche = await createNiche(database.db, workspace.id, null, input.data);
    }
    // No queue: this process runs every slice itself, so nothing is left queued behind it.
    const started = await startCrawl(
      database.db,
      null,
      { nicheId: niche.id, workspaceId: workspace.id },
      new Date(),
    );
    const line = progressLine();
    const counts = (p: ReturnType<typeof crawlProgress>) =>
      `${p.requests} requests, ${p.accounts} accounts, ${p.edges} edges, ${p.errors} errors`;
    const { run } = await runCrawlToEnd(database.db, crawlRuntime(config), started.id, {
      onSlice: (row) => {
        const p = crawlProgress(row, new Date());
        line.update(`${p.phase} ${bar(p.fraction)} ${counts(p)}`);
      },
    });
    line.done(`Crawl ${run.status}: ${counts(crawlProgress(run, new Date()))}.`);
    if (run.status === 'failed') throw new CrawlFailedError(run.lastError ?? 'The crawl failed.');
    if (run.status !== 'done') throw new CrawlFailedError(`The crawl was ${run.status} before it finished.`);
    if (run.lastError && run.errors > 0) {
      const [after] = await database.db.select().from(niches).where(eq(niches.id, niche.id));
      if (after.lastError) process.stderr.write(`Warning: ${after.lastError}\n`);
    }
    await score(database, { nicheId: niche.id, workspaceId: workspace.id });
    return 0;
  });
}
