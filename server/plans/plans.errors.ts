import { AppError } from '../lib/app-error.ts';

export type PlanErrorCode =
  | 'plan_not_found'
  | 'no_eligible_accounts'
  | 'budget_below_fees'
  | 'learned_unavailable'
  | 'plan_not_ready'
  | 'plan_failed'
  | 'unknown_accounts'
  | 'currency_mismatch';

export class PlanError extends AppError<PlanErrorCode> {}
