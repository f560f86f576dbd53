/** Every kind of background job. `murmur serve` (in-process) and `murmur worker` run this list. */
import { crawlJob } from '../discover/crawl/crawl.job.ts';
import { importJob } from '../discover/import/import.job.ts';
import { scoreJob } from '../discover/scoring/score.job.ts';
import type { JobDefinition } from './registry.ts';

export const allJobs: JobDefinition<never>[] = [scoreJob as never, crawlJob as never, importJob as never];
