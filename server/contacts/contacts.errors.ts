import { AppError } from '../lib/app-error.ts';

export type ContactErrorCode =
  | 'contact_not_found'
  | 'duplicate_handle'
  | 'import_no_header'
  | 'import_too_many_rows'
  | 'import_invalid_rows'
  | 'import_conflict';

export class ContactError extends AppError<ContactErrorCode> {}
