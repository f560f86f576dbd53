/**
 * Time as the crawler sees it. The fetcher and rate limiter never read `Date.now()` or call
 * `setTimeout` directly: they take a `Clock`, so tests can run a five-minute rate-limit window in
 * a fraction of a second (see `test/fakes/scaled-clock.ts`) and the fake servers can share it.
 *
 *   type Clock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void>; realMs?(ms: number): number }
 *   const systemClock: Clock
 *
 * Background jobs use it too: a job that schedules itself asks the queue for a delay in real
 * time, which `realMs` converts (absent: the same).
 */

export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason if it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * How long `ms` of this clock's time lasts in real time, for delays handed to something that
   * only knows real time (the job queue). Absent: the same. A test clock that moves only when
   * the test advances it says 0: the wait ends at once, and the job finds nothing due yet.
   */
  realMs?(ms: number): number;
};

export const sleepReal = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (ms <= 0) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const systemClock: Clock = { now: () => Date.now(), sleep: sleepReal };
