import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Queue } from '../jobs/queue.ts';

/** What the HTTP app is built from; its own file so the sub-apps need not import app.ts. */
export type AppDeps = {
  database: Database;
  /** Background job queue; absent in tests that enqueue nothing. */
  queue?: Queue;
  config?: Config;
  secret: string;
  logger: Logger;
  /** Folder of the built web app; omitted in API-only tests. */
  webRoot?: string;
  secureCookies?: boolean;
  maxBodyBytes?: number;
  now?: () => Date;
};
