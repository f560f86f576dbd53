import { AppError } from '../lib/app-error.ts';

/** What tracking a post, finding posts and measuring can refuse. */
export type TrackingErrorCode =
  | 'tracked_post_not_found'
  | 'not_a_post_address'
  | 'post_unavailable'
  | 'platform_unreachable'
  | 'bluesky_login_failed';

export class TrackingError extends AppError<TrackingErrorCode> {}
