import { AppError } from '../lib/app-error.ts';

export type StageErrorCode =
  | 'stage_not_found'
  | 'stage_name_taken'
  | 'bad_stage_order'
  | 'last_stage'
  | 'needs_target';

export class StageError extends AppError<StageErrorCode> {}
