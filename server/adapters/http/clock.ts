/**
 * Time as the crawler sees it. The fetcher and rate limiter never read `Date.now()` or call
 * `setTimeout` directly: they take a `Clock`, so tests can run a five-minute rate-limit window in
 * a fraction of a second (see `test/fakes/scaled-clock.ts`) and the fake servers can share it.
 *
 *   type Clock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> }
 *   const systemClock: Clock
 */

export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason if it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
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
