import { AppError } from '../lib/app-error.ts';

export type LeaderboardErrorCode = 'niche_not_found' | 'snapshot_not_found' | 'account_not_found';

export class LeaderboardError extends AppError<LeaderboardErrorCode> {}
