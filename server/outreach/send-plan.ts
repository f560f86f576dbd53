/**
 * When each message of a mailbox may go: inside the send window (in the window's time zone),
 * under the daily cap (with the new-mailbox ramp) and the hourly cap, and at least
 * `spacingMinutes` (+ random jitter) from any other send of the mailbox. Pure: the caller
 * passes what is already planned or sent, and a seeded `rng` in tests.
 *
 *   const planner = createSendPlanner(limits, occupiedTimes, rng);
 *   planner.place(notBefore) // → { sendAt, reason }
 */
import type { SendWindow, WaitReason } from '../db/schema/index.ts';

export type SendLimits = {
  dailyCap: number | null;
  hourlyCap: number | null;
  rampStart: number;
  rampPerDay: number;
  /** When the mailbox was added: day 0 of the ramp. */
  createdAt: Date;
  spacingMinutes: number;
  jitterMinutes: number;
  window: SendWindow | null;
  timeZone: string;
};

const minute = 60_000;
const day = 24 * 60 * minute;

type LocalTime = { dayKey: string; hourKey: string; weekday: number; minuteOfDay: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const dayKey = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  return {
    dayKey,
    hourKey: `${dayKey}T${parts.hour}`,
    weekday: weekdays.indexOf(parts.weekday ?? ''),
    minuteOfDay: hour * 60 + Number(parts.minute) + Number(parts.second) / 60 + (ms % 1000) / minute,
  };
}

/** Whether `ms` is inside the window; `null` window is always open. */
export function inWindow(ms: number, window: SendWindow | null, timeZone: string): boolean {
  if (!window) return true;
  const t = localTime(ms, timeZone);
  return (
    window.days.includes(t.weekday) && t.minuteOfDay >= window.startMinute && t.minuteOfDay < window.endMinute
  );
}

/** The next moment at or after `ms` inside the window (exact to the minute across DST changes). */
export function nextWindowOpening(ms: number, window: SendWindow | null, timeZone: string): number {
  if (!window || window.days.length === 0) return ms;
  let t = ms;
  for (let guard = 0; guard < 30; guard++) {
    const local = localTime(t, timeZone);
    const allowed = window.days.includes(local.weekday);
    if (allowed && local.minuteOfDay >= window.startMinute && local.minuteOfDay < window.endMinute) return t;
    if (allowed && local.minuteOfDay < window.startMinute) {
      t += Math.ceil((window.startMinute - local.minuteOfDay) * minute);
    } else {
      t += Math.ceil((1440 - local.minuteOfDay + window.startMinute) * minute);
    }
  }
  return t;
}

/** The daily cap on the day containing `ms`, after the ramp; Infinity when uncapped. */
export function dailyCapOn(limits: SendLimits, ms: number): number {
  if (limits.dailyCap === null) return Number.POSITIVE_INFINITY;
  if (limits.rampPerDay <= 0) return limits.dailyCap;
  const age = Math.max(0, Math.floor((ms - limits.createdAt.getTime()) / day));
  return Math.min(limits.dailyCap, limits.rampStart + age * limits.rampPerDay);
}

function startOfNextLocalHour(ms: number, timeZone: string) {
  const local = localTime(ms, timeZone);
  return ms + Math.ceil((60 - (local.minuteOfDay % 60)) * minute);
}
function startOfNextLocalDay(ms: number, timeZone: string) {
  const local = localTime(ms, timeZone);
  return ms + Math.ceil((1440 - local.minuteOfDay) * minute);
}

export type Placement = { sendAt: Date; reason: WaitReason | null };

export function createSendPlanner(
  limits: SendLimits,
  occupied: Iterable<Date>,
  rng: () => number = Math.random,
) {
  const times: number[] = [...occupied].map((d) => d.getTime()).sort((a, b) => a - b);
  const perDay = new Map<string, number>();
  const perHour = new Map<string, number>();
  const count = (ms: number) => {
    const local = localTime(ms, limits.timeZone);
    perDay.set(local.dayKey, (perDay.get(local.dayKey) ?? 0) + 1);
    perHour.set(local.hourKey, (perHour.get(local.hourKey) ?? 0) + 1);
  };
  for (const t of times) count(t);
  const gap = limits.spacingMinutes * minute;

  /** First occupied time closer than the spacing to `t`, if any. */
  function conflict(t: number): number | undefined {
    if (gap <= 0) return undefined;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    const before = times[lo - 1];
    const after = times[lo];
    if (before !== undefined && t - before < gap) return before;
    if (after !== undefined && after - t < gap) return after;
    return undefined;
  }

  function place(notBefore: Date): Placement {
    let t = notBefore.getTime();
    let reason: WaitReason | null = null;
    const push = (next: number, why: WaitReason) => {
      reason ??= why;
      t = Math.max(next, t + 1);
    };
    for (let guard = 0; guard < 100_000; guard++) {
      if (!inWindow(t, limits.window, limits.timeZone)) {
        push(nextWindowOpening(t, limits.window, limits.timeZone), 'window');
        continue;
      }
      const local = localTime(t, limits.timeZone);
      if ((perDay.get(local.dayKey) ?? 0) >= dailyCapOn(limits, t)) {
        push(startOfNextLocalDay(t, limits.timeZone), 'cap_day');
        continue;
      }
      if (limits.hourlyCap !== null && (perHour.get(local.hourKey) ?? 0) >= limits.hourlyCap) {
        push(startOfNextLocalHour(t, limits.timeZone), 'cap_hour');
        continue;
      }
      const near = conflict(t);
      if (near !== undefined) {
        const jitter = Math.floor(rng() * (limits.jitterMinutes + 1)) * minute;
        push(Math.max(t, near) + gap + jitter, 'spacing');
        continue;
      }
      break;
    }
    times.splice(times.findIndex((x) => x > t) === -1 ? times.length : times.findIndex((x) => x > t), 0, t);
    count(t);
    return { sendAt: new Date(t), reason };
  }

  return { place };
}

/** Room left right now, from what the mailbox sent this local day and hour and its last send. */
export function capacityNow(
  limits: SendLimits,
  nowMs: number,
  sentThisDay: number,
  sentThisHour: number,
  lastSendMs: number | null,
): { room: number; reason: WaitReason | null } {
  if (!inWindow(nowMs, limits.window, limits.timeZone)) return { room: 0, reason: 'window' };
  const dayRoom = dailyCapOn(limits, nowMs) - sentThisDay;
  if (dayRoom <= 0) return { room: 0, reason: 'cap_day' };
  const hourRoom = limits.hourlyCap === null ? Number.POSITIVE_INFINITY : limits.hourlyCap - sentThisHour;
  if (hourRoom <= 0) return { room: 0, reason: 'cap_hour' };
  if (limits.spacingMinutes > 0) {
    if (lastSendMs !== null && nowMs - lastSendMs < limits.spacingMinutes * minute)
      return { room: 0, reason: 'spacing' };
    return { room: 1, reason: null };
  }
  return { room: Math.min(dayRoom, hourRoom), reason: null };
}

/** Local day and hour boundaries around `ms`, as UTC instants, for counting sends. */
export function localBounds(ms: number, timeZone: string) {
  const local = localTime(ms, timeZone);
  const dayStart = ms - Math.round(local.minuteOfDay * minute);
  const hourStart = ms - Math.round((local.minuteOfDay % 60) * minute);
  return { dayStart: new Date(dayStart), hourStart: new Date(hourStart) };
}
