import { AppError } from '../lib/app-error.ts';

export type ScoringErrorCode = 'scoring_failed';

export class ScoringError extends AppError<ScoringErrorCode> {}
