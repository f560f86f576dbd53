/**
 * The one table from feature error codes to tRPC codes (and so HTTP statuses). Features throw
 * their own `AppError` subclass with a string `code`; they never pick a status. The original
 * error stays as `cause`, and `errorFormatter` (init.ts) sends the code to clients as `data.code`.
 */
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { DbError, isUniqueViolation } from '../db/unique-violation.ts';
import { AppError } from '../lib/app-error.ts';
import type { ErrorCode } from '../lib/error-codes.ts';

const statuses: Record<ErrorCode, TRPCError['code']> = {
  // auth
  sign_in_required: 'UNAUTHORIZED',
  bad_credentials: 'UNAUTHORIZED',
  no_workspace: 'FORBIDDEN',
  role_too_low: 'FORBIDDEN',
  needs_session: 'FORBIDDEN',
  throttled: 'TOO_MANY_REQUESTS',
  already_set_up: 'CONFLICT',
  // workspaces and invitations
  workspace_not_found: 'NOT_FOUND',
  not_member: 'NOT_FOUND',
  owner_only: 'FORBIDDEN',
  last_owner: 'CONFLICT',
  already_member: 'CONFLICT',
  api_key_cannot_switch: 'BAD_REQUEST',
  invitation_unknown: 'NOT_FOUND',
  invitation_expired: 'PRECONDITION_FAILED',
  invitation_used: 'PRECONDITION_FAILED',
  invitation_revoked: 'PRECONDITION_FAILED',
  api_key_not_found: 'NOT_FOUND',
  // contacts
  contact_not_found: 'NOT_FOUND',
  duplicate_handle: 'CONFLICT',
  import_no_header: 'BAD_REQUEST',
  import_too_many_rows: 'BAD_REQUEST',
  import_invalid_rows: 'BAD_REQUEST',
  import_conflict: 'CONFLICT',
  // campaigns, stages, deals
  campaign_not_found: 'NOT_FOUND',
  owner_not_member: 'BAD_REQUEST',
  stale_version: 'CONFLICT',
  over_budget: 'PRECONDITION_FAILED',
  stage_not_found: 'NOT_FOUND',
  stage_name_taken: 'CONFLICT',
  bad_stage_order: 'BAD_REQUEST',
  last_stage: 'CONFLICT',
  needs_target: 'PRECONDITION_FAILED',
  deal_not_found: 'NOT_FOUND',
  // discover
  niche_not_found: 'NOT_FOUND',
  niche_name_taken: 'CONFLICT',
  community_not_found: 'NOT_FOUND',
  busy: 'CONFLICT',
  not_crawlable: 'BAD_REQUEST',
  jobs_not_running: 'INTERNAL_SERVER_ERROR',
  already_running: 'CONFLICT',
  not_running: 'CONFLICT',
  not_paused: 'CONFLICT',
  snapshot_not_found: 'NOT_FOUND',
  account_not_found: 'NOT_FOUND',
  unknown_accounts: 'NOT_FOUND',
  nothing_shortlisted: 'NOT_FOUND',
  scoring_failed: 'BAD_REQUEST',
  parse_error: 'BAD_REQUEST',
  missing_column: 'BAD_REQUEST',
  unreadable: 'BAD_REQUEST',
  no_edges: 'BAD_REQUEST',
  gave_up: 'BAD_REQUEST',
  // Crawl fetch failures (adapters/http) are the crawl job's to handle; one that reaches a caller
  // is a bug, so it stays internal (message hidden), as before these codes joined the table.
  rate_limited: 'INTERNAL_SERVER_ERROR',
  http_error: 'INTERNAL_SERVER_ERROR',
  not_found: 'INTERNAL_SERVER_ERROR',
  hidden_collection: 'INTERNAL_SERVER_ERROR',
  timeout: 'INTERNAL_SERVER_ERROR',
  network_error: 'INTERNAL_SERVER_ERROR',
  bad_response: 'INTERNAL_SERVER_ERROR',
  aborted: 'INTERNAL_SERVER_ERROR',
  invalid_input: 'INTERNAL_SERVER_ERROR',
  // plans
  plan_not_found: 'NOT_FOUND',
  no_eligible_accounts: 'BAD_REQUEST',
  budget_below_fees: 'BAD_REQUEST',
  learned_unavailable: 'PRECONDITION_FAILED',
  plan_not_ready: 'CONFLICT',
  plan_failed: 'BAD_REQUEST',
  currency_mismatch: 'BAD_REQUEST',
  // tracking and reports
  tracked_post_not_found: 'NOT_FOUND',
  not_a_post_address: 'BAD_REQUEST',
  post_unavailable: 'NOT_FOUND',
  platform_unreachable: 'BAD_GATEWAY',
  bluesky_login_failed: 'BAD_REQUEST',
  // outreach
  mailbox_not_found: 'NOT_FOUND',
  template_not_found: 'NOT_FOUND',
  sequence_not_found: 'NOT_FOUND',
  message_not_found: 'NOT_FOUND',
  no_sender_identity: 'PRECONDITION_FAILED',
  bad_template: 'BAD_REQUEST',
  merge_fields_missing: 'PRECONDITION_FAILED',
  no_recipient_address: 'PRECONDITION_FAILED',
  recipient_blocked: 'PRECONDITION_FAILED',
  insecure_smtp: 'BAD_REQUEST',
  reset_link_invalid: 'BAD_REQUEST',
  // outreach inbox
  inbound_not_found: 'NOT_FOUND',
  inbox_not_configured: 'PRECONDITION_FAILED',
  imap_insecure: 'BAD_REQUEST',
  imap_failed: 'BAD_GATEWAY',
  inbox_mailbox_not_found: 'NOT_FOUND',
  inbox_stage_invalid: 'BAD_REQUEST',
  // anywhere
  bad_cursor: 'BAD_REQUEST',
  already_exists: 'CONFLICT',
};

/** The feature error inside `error` as a tRPC error, or undefined for anything unexpected. */
export function toTRPCError(error: unknown): TRPCError | undefined {
  const known = asAppError(error);
  const code = known && Object.hasOwn(statuses, known.code) ? statuses[known.code as ErrorCode] : undefined;
  if (!known || !code) return undefined;
  return new TRPCError({ code, message: known.message, cause: known });
}

/** The same mapping for plain HTTP routes: status, message and code, or undefined when unexpected. */
export function toHttpError(error: unknown) {
  const mapped = toTRPCError(error);
  if (!mapped) return undefined;
  return {
    status: getHTTPStatusCodeFromError(mapped),
    message: mapped.message,
    code: (mapped.cause as AppError).code as ErrorCode,
  };
}

/** A unique constraint nobody checked for is still a conflict the person can act on. */
function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error))
    return new DbError('already_exists', 'That already exists.', { cause: error });
  return undefined;
}

/**
 * What clients branch on (`data.code`): the feature's code; `internal` for anything unexpected
 * (nothing about its insides); else tRPC's own code in lower case (`bad_request` for refused input).
 */
export function publicErrorCode(error: TRPCError): ErrorCode | 'internal' | Lowercase<TRPCError['code']> {
  if (error.cause instanceof AppError && Object.hasOwn(statuses, error.cause.code))
    return error.cause.code as ErrorCode;
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'internal';
  return error.code.toLowerCase() as Lowercase<TRPCError['code']>;
}
