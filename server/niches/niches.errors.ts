import { AppError } from '../lib/app-error.ts';

export type NicheErrorCode =
  | 'niche_not_found'
  | 'niche_name_taken'
  | 'busy'
  | 'not_crawlable'
  | 'jobs_not_running'
  | 'community_not_found';

export class NicheError extends AppError<NicheErrorCode> {}
