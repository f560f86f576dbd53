/**
 * A per-host gate that spends a server's published quota evenly and never overdraws it.
 *
 *   const limiter = createRateLimiter({ clock, maxConcurrentPerHost: 8 });
 *   const waitedMs = await limiter.acquire(host, signal, maxWaitMs); // before each request
 *   limiter.observe(host, snapshot); limiter.release(host); // after each response
 *   limiter.blockUntil(host, epochMs);                      // on 429 Retry-After
 *
 * Rules, in order: nothing is sent before a `Retry-After` deadline; nothing is sent while the
 * known remaining quota is 0 until the window resets; otherwise requests are spaced
 * `(resetAt - now) / remaining` apart, which uses the whole quota by the end of the window
 * without a burst that would 429. Until a host's first response shows whether it publishes
 * limits, only one request is in flight to it. Sent requests count against the local estimate
 * at once, so concurrent callers cannot overdraw between responses. Late timers may catch up
 * on a few missed slots (never on the quota), so the achieved rate stays at the allowed one.
 */
import type { Clock } from './clock.ts';
import { CrawlError } from './crawl.errors.ts';
import type { RateLimitSnapshot } from './rate-limit-headers.ts';

export type RateLimiterOptions = {
  clock: Clock;
  /** Upper bound on in-flight requests per host, limits or not. */
  maxConcurrentPerHost?: number;
  /** Extra wait after a window's reset, to absorb clock skew and whole-second Reset values. */
  resetMarginMs?: number;
};

export type HostLimitState = {
  limit?: number;
  remaining?: number;
  resetAt?: number;
  windowMs?: number;
  blockedUntil: number;
  inFlight: number;
  /** Whether this host has answered at least once (and so told us if it publishes limits). */
  seen: boolean;
};

export type RateLimiter = {
  /**
   * Waits for a turn and takes it; resolves with the clock ms waited. Rejects with
   * `CrawlError('rate_limited', { retryAt })` instead of waiting past `maxWaitMs` for a quota reset
   * or a Retry-After, so a queued job can give its worker back and come back at `retryAt`.
   */
  acquire(host: string, signal?: AbortSignal, maxWaitMs?: number): Promise<number>;
  release(host: string): void;
  observe(host: string, snapshot: RateLimitSnapshot | null): void;
  blockUntil(host: string, epochMs: number): void;
  state(host: string): Readonly<HostLimitState>;
};

const SAME_WINDOW_TOLERANCE_MS = 1000;
const CATCH_UP_SLOTS = 8;

export const createRateLimiter = ({
  clock,
  maxConcurrentPerHost = 8,
  resetMarginMs = 50,
}: RateLimiterOptions): RateLimiter => {
  const hosts = new Map<string, HostLimitState>();
  /** The pacing slot each host's last request took; slots, not send times, keep the average rate. */
  const lastSlot = new Map<string, number>();
  const wakeups = new Map<string, Set<() => void>>();

  const stateOf = (host: string): HostLimitState => {
    let state = hosts.get(host);
    if (!state) {
      state = { blockedUntil: 0, inFlight: 0, seen: false };
      hosts.set(host, state);
    }
    return state;
  };

  const wake = (host: string) => {
    const waiters = wakeups.get(host);
    if (!waiters) return;
    wakeups.delete(host);
    for (const resolve of waiters) resolve();
  };

  /** Milliseconds to wait before the next send, or 0 to send now; Infinity waits for a release. */
  const delayFor = (host: string, state: HostLimitState, now: number): number => {
    if (state.blockedUntil > now) return state.blockedUntil - now;
    const concurrency = state.seen ? maxConcurrentPerHost : 1;
    if (state.inFlight >= concurrency) return Number.POSITIVE_INFINITY;
    if (state.resetAt !== undefined && now >= state.resetAt + resetMarginMs) {
      // The window we knew about is over; the next response tells us about the new one.
      state.remaining = state.limit;
      state.resetAt = state.windowMs !== undefined ? now + state.windowMs : undefined;
    }
    if (state.remaining === undefined) return 0;
    // A quota without a known reset time: probe one request at a time until a response tells.
    if (state.resetAt === undefined) return state.inFlight > 0 ? Number.POSITIVE_INFINITY : 0;
    if (state.remaining <= 0) return state.resetAt + resetMarginMs - now;
    const interval = Math.max(0, state.resetAt - now) / state.remaining;
    // Late timers and slow responses leave slots behind; catching up on a few keeps the average
    // rate without turning an idle spell into a burst.
    const slot = Math.max(
      (lastSlot.get(host) ?? Number.NEGATIVE_INFINITY) + interval,
      now - CATCH_UP_SLOTS * interval,
    );
    if (slot > now) return slot - now;
    lastSlot.set(host, slot);
    return 0;
  };

  /** Resolves on the next release/observe for `host`, or after `timeoutMs` of clock time. */
  const waitForRelease = (host: string, signal?: AbortSignal, timeoutMs?: number) =>
    new Promise<void>((resolve, reject) => {
      let waiters = wakeups.get(host);
      if (!waiters) {
        waiters = new Set();
        wakeups.set(host, waiters);
      }
      const timer = new AbortController();
      const onAbort = () => {
        finish();
        reject(signal?.reason);
      };
      const finish = () => {
        waiters.delete(done);
        timer.abort();
        signal?.removeEventListener('abort', onAbort);
      };
      const done = () => {
        finish();
        resolve();
      };
      waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) clock.sleep(timeoutMs, timer.signal).then(done, () => {});
    });

  return {
    async acquire(host, signal, maxWaitMs = Number.POSITIVE_INFINITY) {
      const started = clock.now();
      for (;;) {
        signal?.throwIfAborted();
        const state = stateOf(host);
        const now = clock.now();
        const delay = delayFor(host, state, now);
        if (delay <= 0) {
          state.inFlight += 1;
          if (state.remaining !== undefined) state.remaining -= 1;
          return now - started;
        }
        if (delay === Number.POSITIVE_INFINITY) await waitForRelease(host, signal);
        else if (now - started + delay > maxWaitMs) {
          throw new CrawlError(
            'rate_limited',
            `adapters/http: ${host} allows the next request in ${Math.round(delay)} ms`,
            {
              retryAt: now + delay,
            },
          );
        } else await waitForRelease(host, signal, delay);
      }
    },

    release(host) {
      const state = stateOf(host);
      state.inFlight = Math.max(0, state.inFlight - 1);
      wake(host);
    },

    observe(host, snapshot) {
      const state = stateOf(host);
      state.seen = true;
      if (!snapshot) return;
      if (snapshot.limit !== undefined) state.limit = snapshot.limit;
      if (snapshot.windowMs !== undefined) state.windowMs = snapshot.windowMs;
      if (snapshot.remaining === undefined) return;
      // Requests still in flight were sent after this one was counted, or will be counted soon.
      const othersInFlight = Math.max(0, state.inFlight - 1);
      const reported = Math.max(0, snapshot.remaining - othersInFlight);
      const resetAt = snapshot.resetAt ?? state.resetAt;
      const newWindow =
        state.resetAt === undefined ||
        (resetAt !== undefined && resetAt > state.resetAt + SAME_WINDOW_TOLERANCE_MS);
      if (newWindow) {
        state.remaining = reported;
        state.resetAt = resetAt;
      } else if (resetAt !== undefined && resetAt < state.resetAt! - SAME_WINDOW_TOLERANCE_MS) {
        // A late answer from an older window: it says nothing about the current one.
      } else {
        state.remaining = Math.min(state.remaining ?? reported, reported);
        // Our own estimate of a reset may run early; the server's word is the later one.
        if (resetAt !== undefined && resetAt > state.resetAt!) state.resetAt = resetAt;
      }
      wake(host);
    },

    blockUntil(host, epochMs) {
      const state = stateOf(host);
      state.blockedUntil = Math.max(state.blockedUntil, epochMs);
    },

    state: (host) => ({ ...stateOf(host) }),
  };
};
