import { AppError } from '../lib/app-error.ts';

export type ApiKeyErrorCode = 'api_key_not_found';

export class ApiKeyError extends AppError<ApiKeyErrorCode> {}
