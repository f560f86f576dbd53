/**
 * How `murmur` reports a failure: the message on stderr and an exit code from the error's
 * code, so scripts can tell "you typed it wrong" from "it is not there" from "try again later".
 * The same codes as the API (server/lib/error-codes.ts), mapped in this one table.
 */
import { AppError } from '../lib/app-error.ts';
import type { ErrorCode } from '../lib/error-codes.ts';

export const exitCodes = { failure: 1, usage: 2, notFound: 3, conflict: 4 } as const;

type Exit = keyof typeof exitCodes;

/** The command line was wrong: an unknown option, a missing argument, no such workspace. */
export class UsageError extends AppError<'usage'> {
  constructor(message: string) {
    super('usage', message);
  }
}

const exits: Record<ErrorCode, Exit> = {
  sign_in_required: 'failure',
  bad_credentials: 'failure',
  no_workspace: 'usage',
  role_too_low: 'failure',
  needs_session: 'failure',
  throttled: 'conflict',
  already_set_up: 'conflict',
  workspace_not_found: 'notFound',
  not_member: 'notFound',
  owner_only: 'failure',
  last_owner: 'conflict',
  already_member: 'conflict',
  api_key_cannot_switch: 'usage',
  invitation_unknown: 'notFound',
  invitation_expired: 'failure',
  invitation_used: 'failure',
  invitation_revoked: 'failure',
  api_key_not_found: 'notFound',
  mailbox_not_found: 'notFound',
  template_not_found: 'notFound',
  sequence_not_found: 'notFound',
  message_not_found: 'notFound',
  no_sender_identity: 'failure',
  bad_template: 'usage',
  merge_fields_missing: 'failure',
  no_recipient_address: 'failure',
  recipient_blocked: 'failure',
  insecure_smtp: 'usage',
  reset_link_invalid: 'failure',
  contact_not_found: 'notFound',
  duplicate_handle: 'conflict',
  import_no_header: 'usage',
  import_too_many_rows: 'usage',
  import_invalid_rows: 'usage',
  import_conflict: 'conflict',
  campaign_not_found: 'notFound',
  owner_not_member: 'usage',
  stale_version: 'conflict',
  over_budget: 'conflict',
  stage_not_found: 'notFound',
  stage_name_taken: 'conflict',
  bad_stage_order: 'usage',
  last_stage: 'conflict',
  needs_target: 'conflict',
  deal_not_found: 'notFound',
  niche_not_found: 'notFound',
  niche_name_taken: 'conflict',
  community_not_found: 'notFound',
  busy: 'conflict',
  not_crawlable: 'usage',
  jobs_not_running: 'failure',
  already_running: 'conflict',
  not_running: 'conflict',
  not_paused: 'conflict',
  snapshot_not_found: 'notFound',
  account_not_found: 'notFound',
  unknown_accounts: 'notFound',
  nothing_shortlisted: 'notFound',
  scoring_failed: 'failure',
  parse_error: 'usage',
  missing_column: 'usage',
  unreadable: 'usage',
  no_edges: 'usage',
  gave_up: 'failure',
  rate_limited: 'conflict',
  http_error: 'failure',
  not_found: 'notFound',
  hidden_collection: 'failure',
  timeout: 'failure',
  network_error: 'failure',
  bad_response: 'failure',
  aborted: 'failure',
  invalid_input: 'usage',
  plan_not_found: 'notFound',
  no_eligible_accounts: 'usage',
  budget_below_fees: 'usage',
  learned_unavailable: 'usage',
  plan_not_ready: 'conflict',
  plan_failed: 'failure',
  currency_mismatch: 'usage',
  inbound_not_found: 'notFound',
  inbox_not_configured: 'failure',
  imap_insecure: 'usage',
  imap_failed: 'failure',
  inbox_mailbox_not_found: 'notFound',
  inbox_stage_invalid: 'usage',
  bad_cursor: 'usage',
  tracked_post_not_found: 'notFound',
  not_a_post_address: 'usage',
  post_unavailable: 'notFound',
  platform_unreachable: 'failure',
  bluesky_login_failed: 'usage',
  already_exists: 'conflict',
};

/** The exit code for any error: 2 usage, 3 not found, 4 conflict or busy, 1 anything else. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return exitCodes.usage;
  // node:util parseArgs refusing an option it does not know, or a value it lacks.
  if (String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS'))
    return exitCodes.usage;
  if (error instanceof AppError && Object.hasOwn(exits, error.code))
    return exitCodes[exits[error.code as ErrorCode]];
  return exitCodes.failure;
}

export const exitCodeHelp = `Exit codes:
  0  done
  1  failed (see the message)
  ${exitCodes.usage}  usage: a wrong option or argument, or a file that cannot be read as asked
  ${exitCodes.notFound}  not found: no such niche, snapshot, contact…
  ${exitCodes.conflict}  conflict: the name is taken, or the niche is busy (crawling, importing); try again later
`;
