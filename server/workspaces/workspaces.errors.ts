import { AppError } from '../lib/app-error.ts';

export type WorkspaceErrorCode =
  | 'workspace_not_found'
  | 'not_member'
  | 'owner_only'
  | 'last_owner'
  | 'already_member'
  | 'api_key_cannot_switch';

export class WorkspaceError extends AppError<WorkspaceErrorCode> {}

export type InvitationStatus = 'pending' | 'expired' | 'used' | 'revoked';

export type InvitationErrorCode = 'invitation_unknown' | `invitation_${Exclude<InvitationStatus, 'pending'>}`;

export class InvitationError extends AppError<InvitationErrorCode> {}
