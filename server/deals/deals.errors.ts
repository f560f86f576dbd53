import { AppError } from '../lib/app-error.ts';

export type DealErrorCode = 'deal_not_found' | 'campaign_not_found' | 'stage_not_found' | 'stale_version';

export class DealError extends AppError<DealErrorCode> {}

export function staleDeal() {
  return new DealError(
    'stale_version',
    'Someone else changed this deal since you loaded it. The card now shows their version: check it and try again.',
  );
}
