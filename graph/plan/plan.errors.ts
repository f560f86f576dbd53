/**
 * Murmur graph/plan errors
 * ========================
 *
 * One error type for campaign planning, beside graph/errors.ts's GraphError.
 * `code` is a string literal the server maps to an API error in one place;
 * messages start with the module path, in the style of graphology.
 */

export type PlanErrorCode =
  /** `budget` is negative or not a number. */
  | 'negative-budget'
  /** `k` is not an integer ≥ 1, or fewer than the fixed accounts. */
  | 'invalid-k'
  /** No account is eligible (and not already fixed). */
  | 'no-eligible-accounts'
  /** The budget left after the fixed accounts is below every eligible account's fee (or below the fixed fees). */
  | 'budget-below-fees'
  /** `costs` missing, of the wrong length, negative or not finite. */
  | 'invalid-costs'
  | 'invalid-option'
  | 'invalid-input'
  | 'node-out-of-range'
  | 'aborted';

export class PlanError extends Error {
  readonly code: PlanErrorCode;

  constructor(code: PlanErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlanError';
    this.code = code;
  }
}

/** Throws `PlanError('aborted')` when the signal has fired; called between work chunks. */
export function checkAborted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) {
    throw new PlanError('aborted', `murmur/graph/plan/${where}: aborted`, { cause: signal.reason });
  }
}
