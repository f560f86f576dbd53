import { AppError } from '../lib/app-error.ts';

export type ShortlistErrorCode = 'unknown_accounts' | 'nothing_shortlisted';

export class ShortlistError extends AppError<ShortlistErrorCode> {}
