import { AppError } from '../lib/app-error.ts';

export type OutreachErrorCode =
  | 'mailbox_not_found'
  | 'template_not_found'
  | 'sequence_not_found'
  | 'message_not_found'
  | 'no_sender_identity'
  | 'bad_template'
  | 'merge_fields_missing'
  | 'no_recipient_address'
  | 'recipient_blocked'
  | 'insecure_smtp'
  | 'reset_link_invalid';

export class OutreachError extends AppError<OutreachErrorCode> {}

/** One recipient who cannot be sent a template, and the merge fields they lack. */
export type MissingFields = { contactId: string; contactName: string; missing: string[] };

export class MergeFieldsMissing extends OutreachError {
  constructor(readonly recipients: MissingFields[]) {
    super(
      'merge_fields_missing',
      `Not sent: ${recipients
        .slice(0, 5)
        .map((r) => `${r.contactName} has no ${r.missing.join(', ')}`)
        .join('; ')}${recipients.length > 5 ? ` and ${recipients.length - 5} more` : ''}.`,
    );
  }
}
