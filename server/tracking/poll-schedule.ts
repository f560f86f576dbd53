/**
 * When a tracked post is polled next: about every 15 minutes in its first day, hourly in its
 * first week, then daily until the campaign's end + 30 days (or 30 days after the post when the
 * campaign has no end). Null means tracking is over.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const POLL_INTERVALS = { firstDay: 15 * MINUTE, firstWeek: HOUR, later: DAY, afterEnd: 30 * DAY };

export function trackingEndsAt(postedAt: Date, campaignEndsOn: string | null): Date {
  const end = campaignEndsOn ? Date.parse(`${campaignEndsOn}T23:59:59Z`) : postedAt.getTime();
  return new Date(Math.max(end, postedAt.getTime()) + POLL_INTERVALS.afterEnd);
}

export function nextPollAt(postedAt: Date, now: Date, campaignEndsOn: string | null): Date | null {
  const ends = trackingEndsAt(postedAt, campaignEndsOn);
  if (now.getTime() >= ends.getTime()) return null;
  const age = now.getTime() - postedAt.getTime();
  const step =
    age < DAY ? POLL_INTERVALS.firstDay : age < 7 * DAY ? POLL_INTERVALS.firstWeek : POLL_INTERVALS.later;
  return new Date(Math.min(now.getTime() + step, ends.getTime()));
}

/** After a failed poll: try again soon, backing off, never later than the regular schedule. */
export function retryPollAt(now: Date, failedPolls: number): Date {
  return new Date(now.getTime() + Math.min(HOUR, 2 * MINUTE * 2 ** Math.min(failedPolls, 5)));
}
