/** The `murmur` command. Returns an exit code; prints clear messages, never stack traces for user errors. */
import { parseArgs } from 'node:util';
import { exitCodeHelp, exitCodeOf, exitCodes } from './cli-errors.ts';

// Every command loads what it needs when it runs, so `murmur help` (and a typo) answers without
// loading the database, the HTTP server or the scoring code.
const discover = () => import('./discover-commands.ts');
const config = () => import('../config.ts');

const usage = `Usage: murmur <command> [options]

Commands:
  serve [--build-if-needed] [--no-worker]
                                Start the web app and API; also runs background jobs unless --no-worker
  worker                        Run background jobs only (needs DATABASE_URL); start as many as you like
  migrate                       Apply database migrations and exit
  user create --email E --password-stdin [--name N] [--workspace NAME] [--role ROLE]
                                Create a user, reading the password from standard input
  niches [--workspace W]        List niches
  demo [--workspace W]          Create and score a demo niche (generated data, no network)
  crawl bluesky|mastodon --niche NAME (--seed HANDLE)... (--keyword WORD)...
        [--max-requests N] [--max-accounts N] [--max-minutes N]
                                Crawl a niche (created if new), then score it
  import FILE --niche NAME [--format csv|gexf|graphml] [--accounts FILE] [--mutual]
        [--accounts-id-column C]
                                Import a graph file into a niche and score it
  score --niche NAME            Score a niche again (a new snapshot)
  export --niche NAME --format csv|gexf [--out FILE] [--part edges|accounts]
                                Write a niche with its latest scores (see \`murmur help export\`)
  outreach status [--workspace W]
                                Queue depth and caps per sending mailbox
  help [export]                 Show this text, or what an export holds

${exitCodeHelp}`;

const exportHelp = `murmur export --niche NAME --format csv|gexf [--out FILE] [--part edges|accounts]

  --format csv --part edges     source,target: one line per follow (source follows target)
  --format csv --part accounts  one line per account: id (node_id when the file had an id column),
                                label, the imported file's own columns, handle, followers_count,
                                follows_count, posts_count, then the leaderboard's metrics from
                                the latest snapshot:
      rank, score               opinion-leader rank and score (0-100)
      niche_followers           followers among the niche audience
      followers_in_graph        followers inside the niche graph
      platform_followers        follower count the platform reports
      reach                     two-hop reach
      pagerank, hub, authority  PageRank and HITS hub / authority
      betweenness, coreness     brokerage and k-core number
      niche_affinity            share of the audience inside the niche
      audience_quality          share of followers that look authentic (0-1)
      engagement_rate           interactions per follower on sampled posts
      community                 community (Louvain) number
      snapshot_id, scored_at    the snapshot these scores come from, and when it was scored
  --format gexf                 the whole graph for Gephi: the same account columns as node
                                attributes, the snapshot id and time in the file's description

An unknown value is an empty cell (CSV) or a missing attribute (GEXF), never 0. Text cells that
a spreadsheet would run as a formula are prefixed with an apostrophe.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'worker':
        return await workerCommand();
      case 'migrate':
        return await migrateCommand();
      case 'user':
        return await userCommand(rest);
      case 'niches':
        return await (await discover()).nichesCommand(rest);
      case 'demo':
        return await (await discover()).demoCommand(rest);
      case 'crawl':
        return await (await discover()).crawlCommand(rest);
      case 'import':
        return await (await discover()).importCommand(rest);
      case 'score':
        return await (await discover()).scoreCommand(rest);
      case 'export':
        return await (await discover()).exportCommand(rest);
      case 'outreach':
        return await (await import('./outreach-command.ts')).outreachCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(command === 'help' && rest[0] === 'export' ? exportHelp : usage);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`murmur: unknown command "${command}"\n\n${usage}`);
        return exitCodes.usage;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`murmur: ${message}\n`);
    return exitCodeOf(error);
  }
}

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'build-if-needed': { type: 'boolean' }, 'no-worker': { type: 'boolean' } },
  });
  const settings = (await config()).loadConfig();
  const web = await import('./build-web.ts');
  if (values['build-if-needed'] && web.webBuildIsStale()) {
    process.stderr.write('Building the web app…\n');
    await web.buildWeb();
  }
  const { createLogger } = await import('../adapters/logger.ts');
  const { keepServingOnUnhandledRejection, startServer, stopOnSignals } = await import('../main.ts');
  const logger = createLogger(settings.logLevel);
  keepServingOnUnhandledRejection(logger);
  const running = await startServer(settings, { worker: !values['no-worker'], logger });
  stopOnSignals(running);
  process.stderr.write(`Murmur is running at ${running.url.replace('127.0.0.1', 'localhost')}\n`);
  await new Promise(() => {});
  return 0;
}

async function workerCommand(): Promise<number> {
  const settings = (await config()).loadConfig();
  const { createLogger } = await import('../adapters/logger.ts');
  const { keepServingOnUnhandledRejection, startWorker, stopOnSignals } = await import('../main.ts');
  const logger = createLogger(settings.logLevel);
  keepServingOnUnhandledRejection(logger);
  const running = await startWorker(settings, { logger });
  stopOnSignals(running);
  process.stderr.write('Murmur worker is running. Stop it with Ctrl-C or SIGTERM.\n');
  await new Promise(() => {});
  return 0;
}

async function migrateCommand(): Promise<number> {
  const { openConfiguredDatabase } = await import('../db/open.ts');
  const database = await openConfiguredDatabase((await config()).loadConfig());
  await database.close();
  process.stdout.write('Migrations applied.\n');
  return 0;
}

async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    process.stderr.write(`murmur user: expected "create"\n\n${usage}`);
    return exitCodes.usage;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      name: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string' },
    },
  });
  if (!values.email || !values['password-stdin']) {
    process.stderr.write('murmur user create: --email and --password-stdin are required\n');
    return exitCodes.usage;
  }
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const { openConfiguredDatabase } = await import('../db/open.ts');
  const { createUserFromCli } = await import('./user-create.ts');
  const database = await openConfiguredDatabase((await config()).loadConfig());
  try {
    const result = await createUserFromCli(database.db, {
      email: values.email,
      password,
      name: values.name,
      workspace: values.workspace,
      role: values.role as never,
    });
    const where = result.workspace ? ` in workspace "${result.workspace.name}"` : '';
    process.stdout.write(`Created user ${values.email}${where}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
