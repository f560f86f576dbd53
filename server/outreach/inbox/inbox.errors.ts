import { AppError } from '../../lib/app-error.ts';

export type InboxErrorCode =
  | 'inbound_not_found'
  | 'inbox_not_configured'
  | 'imap_insecure'
  | 'imap_failed'
  | 'inbox_mailbox_not_found'
  | 'inbox_stage_invalid';

export class InboxError extends AppError<InboxErrorCode> {}
