/**
 * A clock that runs `speed` times faster than real time, shared by a fake server and the client
 * under test, so a 3000-per-5-minutes policy plays out in seconds with real unix-second headers.
 *
 *   const clock = createScaledClock({ speed: 100 });   // 1 real ms = 100 clock ms
 *   startFakeBluesky({ clock, rateLimit: { limit: 3000, windowMs: 300_000 } });
 *   createFetcher({ clock });
 *
 * Pick `speed` so that limit / window × speed stays within what the machine can serve over
 * loopback (a busy two-core box: a few hundred requests per second, fake and client together);
 * beyond that the test measures the CPU, not the client. Timeouts stay in real time.
 */
import { type Clock, sleepReal } from '../../server/adapters/http/clock.ts';

export type ScaledClockOptions = { speed: number; start?: number };

export const createScaledClock = ({ speed, start = Date.now() }: ScaledClockOptions): Clock => {
  const realStart = performance.now();
  return {
    now: () => start + (performance.now() - realStart) * speed,
    sleep: (ms, signal) => sleepReal(ms / speed, signal),
    realMs: (ms) => ms / speed,
  };
};

/**
 * A clock that moves only when the test says, for jobs that schedule themselves: waits handed
 * to the job queue take no real time (`realMs` 0), so a job finds nothing due until the test
 * advances the clock past it.
 */
export const createManualClock = (start: number): Clock & { advance(ms: number): void } => {
  let now = start;
  return {
    now: () => now,
    sleep: async () => {},
    realMs: () => 0,
    advance(ms) {
      now += ms;
    },
  };
};
