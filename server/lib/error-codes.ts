/**
 * Every code any feature throws, as one union. The API (`server/trpc/errors.ts`) and the CLI
 * (`server/cli/cli-errors.ts`) each map it with a `Record<ErrorCode, …>`, so a feature that adds
 * a code (and its type here) fails typecheck until both say what the code means to their users.
 */
import type { CrawlErrorCode } from '../adapters/http/crawl.errors.ts';
import type { ApiKeyErrorCode } from '../api-keys/api-keys.errors.ts';
import type { AuthErrorCode } from '../auth/auth.errors.ts';
import type { CampaignErrorCode } from '../campaigns/campaigns.errors.ts';
import type { ContactErrorCode } from '../contacts/contacts.errors.ts';
import type { CrawlStateErrorCode } from '../crawl/crawl.errors.ts';
import type { DbErrorCode } from '../db/unique-violation.ts';
import type { DealErrorCode } from '../deals/deals.errors.ts';
import type { ImportErrorCode } from '../graph-files/import.errors.ts';
import type { LeaderboardErrorCode } from '../leaderboard/leaderboard.errors.ts';
import type { NicheErrorCode } from '../niches/niches.errors.ts';
import type { InboxErrorCode } from '../outreach/inbox/inbox.errors.ts';
import type { OutreachErrorCode } from '../outreach/outreach.errors.ts';
import type { ScoringErrorCode } from '../scoring/scoring.errors.ts';
import type { ShortlistErrorCode } from '../shortlist/shortlist.errors.ts';
import type { StageErrorCode } from '../stages/stages.errors.ts';
import type { InvitationErrorCode, WorkspaceErrorCode } from '../workspaces/workspaces.errors.ts';
import type { CursorErrorCode } from './cursor.ts';

export type ErrorCode =
  | ApiKeyErrorCode
  | AuthErrorCode
  | CampaignErrorCode
  | ContactErrorCode
  | CrawlErrorCode
  | CrawlStateErrorCode
  | CursorErrorCode
  | DbErrorCode
  | DealErrorCode
  | ImportErrorCode
  | InboxErrorCode
  | InvitationErrorCode
  | LeaderboardErrorCode
  | NicheErrorCode
  | OutreachErrorCode
  | ScoringErrorCode
  | ShortlistErrorCode
  | StageErrorCode
  | WorkspaceErrorCode;
