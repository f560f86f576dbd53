import { AppError } from '../trpc/errors.ts';

export class DealError extends AppError<'stale_version' | 'do_not_contact'> {}

export function staleDeal() {
  return new DealError(
    'conflict',
    'Someone else changed this deal since you loaded it. The card now shows their version: check it and try again.',
    'stale_version',
  );
}
