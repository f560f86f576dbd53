/**
 * The plan for 1,000 enrolments on one mailbox with a cap of 50 a day, 10 an hour, a
 * weekday 09:00–17:00 window in Europe/Berlin and spaced sends: every computed send time is
 * inside the window, no day or hour is over its cap, and no two sends are closer than the
 * spacing. Asserted on the computed times; nothing waits.
 */
import { describe, expect, it } from 'vitest';
import { createSendPlanner, dailyCapOn, localTime, type SendLimits } from '../server/outreach/send-plan.ts';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const limits: SendLimits = {
  dailyCap: 50,
  hourlyCap: 10,
  rampStart: 10,
  rampPerDay: 5,
  createdAt: new Date('2026-03-01T00:00:00Z'),
  spacingMinutes: 3,
  jitterMinutes: 4,
  window: { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 },
  timeZone: 'Europe/Berlin',
};

describe('send plan for 1,000 enrolments under a cap of 50 a day', () => {
  it('keeps every send inside the window, the caps (with the ramp) and the spacing', () => {
    const start = new Date('2026-03-20T15:30:00Z'); // a Friday, across the DST change of 29 March
    const planner = createSendPlanner(limits, [], seeded(7));
    const times = Array.from({ length: 1000 }, () => planner.place(start).sendAt.getTime()).sort(
      (a, b) => a - b,
    );
    const perDay = new Map<string, number>();
    const perHour = new Map<string, number>();
    for (const t of times) {
      const local = localTime(t, limits.timeZone);
      expect([1, 2, 3, 4, 5]).toContain(local.weekday);
      expect(local.minuteOfDay).toBeGreaterThanOrEqual(9 * 60);
      expect(local.minuteOfDay).toBeLessThan(17 * 60);
      perDay.set(local.dayKey, (perDay.get(local.dayKey) ?? 0) + 1);
      perHour.set(local.hourKey, (perHour.get(local.hourKey) ?? 0) + 1);
    }
    for (const [day, n] of perDay)
      expect(n, day).toBeLessThanOrEqual(dailyCapOn(limits, Date.parse(`${day}T12:00:00Z`)));
    for (const [hour, n] of perHour) expect(n, hour).toBeLessThanOrEqual(10);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(3 * 60_000);
    // The ramp: day 19 of the mailbox allows the full 50, and full days use it.
    expect(Math.max(...perDay.values())).toBe(50);
    expect(perDay.size).toBeGreaterThanOrEqual(20);
  });

  it('says why a message waits', () => {
    const planner = createSendPlanner({ ...limits, spacingMinutes: 0, hourlyCap: 1 }, [], seeded(1));
    const saturday = new Date('2026-03-21T10:00:00Z');
    expect(planner.place(saturday).reason).toBe('window');
    const monday = new Date('2026-03-23T08:10:00Z'); // 09:10 in Berlin, the hour the first one took
    expect(planner.place(monday).reason).toBe('cap_hour');
  });
});
