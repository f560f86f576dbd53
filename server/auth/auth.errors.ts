import { AppError } from '../lib/app-error.ts';

export type AuthErrorCode =
  | 'sign_in_required'
  | 'no_workspace'
  | 'role_too_low'
  | 'bad_credentials'
  | 'throttled'
  | 'already_set_up'
  | 'needs_session'
  | 'reset_link_invalid';

export class AuthError extends AppError<AuthErrorCode> {}
