/** Every kind of background job. `murmur serve` (in-process) and `murmur worker` run this list. */
import { passwordResetJob } from '../auth/password-reset.job.ts';
import { crawlJob } from '../crawl/crawl.job.ts';
import { importJob } from '../imports/import.job.ts';
import { inboxSyncJob, inboxTickJob } from '../outreach/inbox/inbox-sync.job.ts';
import { sendJob } from '../outreach/send.job.ts';
import { planJob } from '../plans/plans.job.ts';
import { scoreJob } from '../scoring/score.job.ts';
import { trackingJob } from '../tracking/tracking.job.ts';
import type { JobDefinition } from './registry.ts';

export const allJobs: JobDefinition<never>[] = [
  scoreJob as never,
  crawlJob as never,
  importJob as never,
  planJob as never,
  trackingJob as never,
  sendJob as never,
  inboxSyncJob as never,
  inboxTickJob as never,
  passwordResetJob as never,
];
