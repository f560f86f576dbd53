/**
 * Configuration comes from the environment, validated once at start. A bad value stops
 * the process with a message that names the variable; nothing else reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BLUESKY_APPVIEW_URL: z.url().default('https://public.api.bsky.app'),
  MURMUR_USER_AGENT: z.string().min(1).optional(),
  MASTODON_INSTANCE_URLS: z.string().optional(),
  MASTODON_SEARCH_INSTANCE: z.string().min(1).default('mastodon.social'),
  CRAWL_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/, 'must be smtp://user:password@host:port or smtps://…')
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  publicUrl?: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  blueskyAppviewUrl: string;
  userAgent?: string;
  /** Instance host → base URL, e.g. "mastodon.example=http://127.0.0.1:4567,other=...". */
  mastodonInstanceUrls: Record<string, string>;
  /** Instance asked for keyword searches on Mastodon. */
  mastodonSearchInstance: string;
  /**
   * System mail (invitations, password resets): smtp:// (STARTTLS; `?tls=none` on loopback) or
   * smtps://, with credentials and an optional `?from=`. Holds a password: never log it.
   */
  smtpUrl?: string;
  /**
   * How long a worker's claim on a crawl lasts unless renewed (each saved page renews it). After a
   * worker dies, another takes its crawl over this long after its last page.
   */
  crawlLeaseSeconds?: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    blueskyAppviewUrl: e.BLUESKY_APPVIEW_URL,
    userAgent: e.MURMUR_USER_AGENT,
    mastodonInstanceUrls: parseInstanceUrls(e.MASTODON_INSTANCE_URLS),
    mastodonSearchInstance: e.MASTODON_SEARCH_INSTANCE.toLowerCase(),
    smtpUrl: e.SMTP_URL,
    crawlLeaseSeconds: e.CRAWL_LEASE_SECONDS,
  };
}

/** A secret generated on first start and kept in the data folder, readable only by its owner. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

function parseInstanceUrls(value: string | undefined): Record<string, string> {
  if (!value) return {};
  const out: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const [host, url] = pair.split('=').map((s) => s.trim());
    if (!host || !url || !/^https?:\/\//.test(url)) {
      throw new ConfigError(
        `Invalid configuration:\n  MASTODON_INSTANCE_URLS: expected host=http(s)://url pairs, got "${pair}"`,
      );
    }
    out[host.toLowerCase()] = url.replace(/\/$/, '');
  }
  return out;
}
