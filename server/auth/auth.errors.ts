import { AppError } from '../trpc/errors.ts';

export class AuthError extends AppError<'bad_credentials' | 'throttled' | 'already_set_up' | 'last_owner'> {}
