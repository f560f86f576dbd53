/** The `murmur` command. Returns an exit code; prints clear messages, never stack traces for user errors. */
import { parseArgs } from 'node:util';

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
  help                          Show this text
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
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(usage);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`murmur: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    // Only a command that ran can have thrown a UsageError, so its module is already loaded.
    if (error instanceof (await discover()).UsageError) {
      process.stderr.write(`murmur: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`murmur: ${message}\n`);
    return 1;
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
    return 2;
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
    return 2;
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
